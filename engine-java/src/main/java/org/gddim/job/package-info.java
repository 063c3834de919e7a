/**
 * Batch sampling jobs: the run spec {@link org.gddim.job.SampleJob} (with the solver's
 * {@link org.gddim.solver.SolverSpec}), both validated once in their constructors, and
 * {@link org.gddim.job.SampleRun}, which checks every input before touching the output folder, then runs the
 * {@link org.gddim.job.BatchLoop} into {@link org.gddim.job.SampleOutputs}: each finished batch is written
 * atomically under {@code OUT/.gddim-partial/} (so an interrupted job resumes where it stopped), then
 * {@code samples.npy}, {@code manifest.json} and {@code samples.png} are assembled. {@link org.gddim.job.GenerateRun}
 * ({@code gddim generate}) runs the same records through the same {@code JobPipeline} and batch loop
 * into numbered, checksummed shards ({@link org.gddim.job.ShardLayout}, {@link org.gddim.job.GenerateManifest});
 * {@link org.gddim.job.MergeRun} joins the parts of one job made on several machines (docs/batch.md).
 */
package org.gddim.job;
