package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a save goes: any legal file name (its temporary file has a short name of its own), through
 * symbolic links to the file they point to (the links stay), never over a directory, and a path
 * that names no file is an {@link IllegalArgumentException} naming it.
 */
class SaveTargetTest {

    @TempDir
    Path directory;

    private Arena arena;
    private Optimizer optimizer;

    @BeforeEach
    void stepOnce() {
        arena = Arena.ofShared();
        optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build();
        Model.random(arena, 3, 10).register(optimizer);
        optimizer.step();
    }

    @AfterEach
    void close() {
        optimizer.close();
        arena.close();
    }

    @Test
    void aFileNameOfTheLongestLegalLength() throws IOException {
        Path file = directory.resolve("c".repeat(250) + ".ckpt");
        Checkpoint.save(optimizer, file);
        assertEquals(1, Checkpoint.read(file).stepCount());
        assertEquals(List.of(file), files(directory));
    }

    @Test
    void aRootDirectoryIsNoFileToSaveTo() {
        Path root = directory.getRoot();
        assertEquals("file " + root + " names no file to save to, but a root directory",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(optimizer, root)).getMessage());
    }

    @Test
    void aDirectoryIsNotReplaced() throws IOException {
        Path existing = Files.createDirectory(directory.resolve("run"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> Checkpoint.save(optimizer, existing));
        assertEquals(existing.toString(), e.getFile());
        assertTrue(e.getMessage().contains("not a regular file but a directory"), e.getMessage());
        assertTrue(Files.isDirectory(existing));
        assertEquals(List.of(existing), files(directory));
    }

    @Test
    void aSaveThroughLinksReplacesTheFileTheyPointToAndKeepsThem() throws IOException {
        Path real = Files.createDirectory(directory.resolve("real"));
        Path links = Files.createDirectory(directory.resolve("links"));
        Path target = real.resolve("optimizer.ckpt");
        Files.writeString(target, "an older checkpoint");
        Path relative = Files.createSymbolicLink(links.resolve("relative"), Path.of("..", "real", "optimizer.ckpt"));
        Path chained = Files.createSymbolicLink(links.resolve("chained"), relative);
        Checkpoint.save(optimizer, chained);
        assertTrue(Files.isSymbolicLink(chained) && Files.isSymbolicLink(relative));
        assertEquals(1, Checkpoint.read(target).stepCount());
        assertEquals(List.of(chained, relative), files(links));
        assertEquals(List.of(target), files(real));
    }

    @Test
    void aDanglingLinkCreatesTheFileItPointsTo() throws IOException {
        Path link = Files.createSymbolicLink(directory.resolve("link"), Path.of("new.ckpt"));
        Checkpoint.save(optimizer, link);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(1, Checkpoint.read(directory.resolve("new.ckpt")).stepCount());
    }

    @Test
    void aLoopOfLinksIsRefusedAndWritesNothing() throws IOException {
        Path a = directory.resolve("a");
        Files.createSymbolicLink(a, directory.resolve("b"));
        Files.createSymbolicLink(directory.resolve("b"), a);
        FileSystemException e = assertThrows(FileSystemException.class, () -> Checkpoint.save(optimizer, a));
        assertEquals(a.toString(), e.getFile());
        assertEquals(List.of(a, directory.resolve("b")), files(directory));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
