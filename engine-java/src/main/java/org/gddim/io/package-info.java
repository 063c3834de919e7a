/**
 * Files the engine reads and writes: NumPy {@code .npy} arrays (little-endian float32 written; float32 or
 * float64 read; C order), run manifests (JSON), PNG plots. Every output is written atomically: to a temporary
 * file in the target folder, flushed to disk, then renamed, so a crash or a full disk never leaves a partial
 * file under the final name.
 */
package org.gddim.io;
