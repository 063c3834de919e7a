/**
 * {@code gddim generate} as an Apache Spark job ({@link org.gddim.spark.GenerateJob}, docs/batch.md "On Spark").
 *
 * <p>The driver checks the options and the output folder (any Hadoop-compatible path), then runs one task per shard
 * of the job's layout. Each executor JVM opens the engine once per concurrent task slot ({@link
 * org.gddim.spark.ExecutorEngines}: the ONNX session, native library and plan reused by its later tasks), makes its
 * shard into files named after its task attempt and commits them by rename ({@link org.gddim.spark.AttemptFiles}), so
 * a failed, retried or speculative attempt can neither duplicate nor corrupt a shard. The driver lists each
 * finished shard in the same {@code manifest.json} as the CLI: the folder is byte for byte the one {@code bin/gddim
 * generate} makes with the same options, and {@code gddim generate} or {@code gddim merge} can continue or join it.
 */
package org.gddim.spark;
