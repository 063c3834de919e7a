/**
 * The command line ({@code bin/gddim}), built with picocli: {@code sample}, {@code info}, {@code quality}.
 * Options are parsed into enums and validated records at this boundary and handed down; nothing below reads
 * the environment or system properties. Exit codes: 0 success, 1 failure while running (I/O, native error),
 * 2 bad input (unknown or invalid option, unusable model or noise file, unavailable backend).
 */
package org.gddim.cli;
