/**
 * Checkpoints of an {@link dev.gradus.Optimizer}: {@link dev.gradus.checkpoint.Checkpoint} saves
 * its state, and optionally its parameters' values, to a self-describing, versioned file (CRC32C
 * checked sections, replaced atomically), channel, stream or byte array, and loads it back all or
 * nothing, reading in one bounded pass, so that training resumes bit for bit.
 *
 * <p>A tour: {@code Checkpoint} is the entry point; {@link dev.gradus.checkpoint.CheckpointInfo}
 * describes a file; {@code CheckpointWriter} and {@code CheckpointReader} hold the byte format
 * and limits that {@code CheckpointFormat} defines, reading through {@code CheckpointInput}; the
 * header is the text of {@code HeaderText} with the keys of {@code HeaderKeys}, verified and
 * indexed in place by {@code ParsedHeader}, with the rule and schedule descriptions of
 * {@code RecordCodec}; {@code CheckpointRestore} checks a file against an optimizer before it
 * copies anything; {@code CheckpointFiles} opens files for reading and does the atomic replace. The optimizer's internals are reached through the non-exported
 * {@code dev.gradus.internal.OptimizerAccess}, not through public methods.
 */
package dev.gradus.checkpoint;
