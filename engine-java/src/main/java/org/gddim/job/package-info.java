/**
 * Batch sampling jobs: a {@link org.gddim.job.SampleJob} record validated once, and
 * {@link org.gddim.job.SampleRun}, which checks every input before touching the output folder, samples in
 * batches, writes each finished batch atomically under {@code OUT/.gddim-partial/} (so an interrupted job
 * resumes where it stopped), then assembles {@code samples.npy}, {@code manifest.json} and, for 2-D data,
 * {@code samples.png}.
 */
package org.gddim.job;
