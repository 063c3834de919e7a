package org.gddim.spark;

import java.io.Serializable;

/**
 * One task's work: shard {@code index} of the job; {@code listed} is its entry in the folder's manifest when an
 * earlier run finished it (the task then only verifies its checksums), else null.
 */
record ShardWork(int index, ShardEntry listed) implements Serializable {}
