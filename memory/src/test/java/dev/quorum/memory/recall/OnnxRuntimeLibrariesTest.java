package dev.quorum.memory.recall;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ONNX Runtime's libraries unpacked once into the state directory, from the onnxruntime jar on the test class path. */
class OnnxRuntimeLibrariesTest {

    private static final String LINUX_X64 = "ai/onnxruntime/native/linux-x64/";

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = OnnxRuntimeLibraries.class.getClassLoader().getResourceAsStream(LINUX_X64 + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void should_unpack_both_libraries_once_into_a_folder_named_by_the_jar_entrys_crc(@TempDir Path dir) throws Exception {
        Path folder = OnnxRuntimeLibraries.unpack(dir, LINUX_X64).orElseThrow();

        assertTrue(folder.getFileName().toString().matches("onnxruntime-[0-9a-f]+"), folder.toString());
        for (String library : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
            assertArrayEquals(resource(library), Files.readAllBytes(folder.resolve(library)), library);
        }
        Object inode = Files.readAttributes(folder.resolve("libonnxruntime.so"), BasicFileAttributes.class).fileKey();

        assertEquals(Optional.of(folder), OnnxRuntimeLibraries.unpack(dir, LINUX_X64));
        assertEquals(inode, Files.readAttributes(folder.resolve("libonnxruntime.so"),
                BasicFileAttributes.class).fileKey(), "the second start finds it and writes nothing");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "no partial file left");
        }
    }

    @Test
    void should_unpack_again_a_library_cut_short(@TempDir Path dir) throws Exception {
        Path folder = OnnxRuntimeLibraries.unpack(dir, LINUX_X64).orElseThrow();
        try (FileChannel library = FileChannel.open(folder.resolve("libonnxruntime4j_jni.so"), StandardOpenOption.WRITE)) {
            library.truncate(1000);
        }

        OnnxRuntimeLibraries.unpack(dir, LINUX_X64);

        assertArrayEquals(resource("libonnxruntime4j_jni.so"), Files.readAllBytes(folder.resolve("libonnxruntime4j_jni.so")));
    }

    @Test
    void should_leave_onnx_runtime_to_unpack_itself_when_there_is_nothing_to_unpack(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), OnnxRuntimeLibraries.unpack(dir, "ai/onnxruntime/native/no-such-platform/"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
