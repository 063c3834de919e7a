/**
 * diffusers drop-in: a diffusers {@code scheduler_config.json} ({@link org.gddim.diffusers.SchedulerConfig}) mapped
 * onto the engine's process, solver and grid ({@link org.gddim.diffusers.SchedulerMapping}; docs/diffusers.md has the
 * table of every key). Keys that change results and that the engine does not reproduce are refused by name; keys it
 * does not know are listed in a warning. Nothing here runs a model.
 */
package org.gddim.diffusers;
