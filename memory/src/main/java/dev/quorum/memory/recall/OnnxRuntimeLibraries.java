package dev.quorum.memory.recall;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Keeps ONNX Runtime's native libraries (behind the in-process MiniLM embedding) unpacked in the state directory, so
 * a start loads them from there. Left alone, ONNX Runtime inflates its 16 MB library into a new temporary directory
 * at every start (a tenth of a second on the service's longest path to ready) and, when the process is killed, leaves
 * it behind. The libraries go in a folder named by the jar entry's CRC, so an upgraded jar unpacks its own; each file
 * is written under a temporary name and moved into place, so two processes starting together never load half a file.
 *
 * <p>ONNX Runtime reads the folder from the {@code onnxruntime.native.path} system property when its classes first
 * load: {@link #keepIn} must run before the embedding model is built. An operator who set the property keeps theirs.
 * Anything that goes wrong here (a read-only state directory, classes not in a jar) leaves ONNX Runtime to unpack as
 * it always did.
 */
public final class OnnxRuntimeLibraries {

    /** The system property ONNX Runtime loads its libraries from, when set. */
    static final String NATIVE_PATH = "onnxruntime.native.path";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeLibraries.class);
    private static final String RESOURCES = "ai/onnxruntime/native/";
    private static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private OnnxRuntimeLibraries() {
    }

    /**
     * Unpacks this platform's libraries under {@code directory} unless they are there already, and points ONNX Runtime
     * at them.
     *
     * @return the folder ONNX Runtime will load from, or empty when it unpacks to a temporary directory itself
     */
    public static Optional<Path> keepIn(Path directory) {
        if (System.getProperty(NATIVE_PATH) != null) {
            return Optional.of(Path.of(System.getProperty(NATIVE_PATH)));
        }
        Optional<String> platform = platform();
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Path> folder = unpack(directory, RESOURCES + platform.get() + "/");
            folder.ifPresent(path -> System.setProperty(NATIVE_PATH, path.toString()));
            return folder;
        } catch (IOException | RuntimeException e) {
            LOG.info("ONNX Runtime's libraries are not kept in {} ({}); it unpacks them to a temporary directory", directory,
                    e.toString());
            return Optional.empty();
        }
    }

    /** ONNX Runtime's folder name for this machine, for the Linux builds this jar carries. */
    static Optional<String> platform() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of("linux-x64");
            case "aarch64" -> Optional.of("linux-aarch64");
            default -> Optional.empty();
        };
    }

    /** The libraries under {@code resources}, unpacked into a folder of {@code directory} named by their CRC. */
    static Optional<Path> unpack(Path directory, String resources) throws IOException {
        ClassLoader loader = OnnxRuntimeLibraries.class.getClassLoader();
        Optional<JarEntry> main = jarEntry(loader.getResource(resources + LIBRARIES.get(0)));
        if (main.isEmpty()) {
            return Optional.empty();
        }
        Path folder = directory.resolve("onnxruntime-" + Long.toHexString(main.get().getCrc()));
        for (String library : LIBRARIES) {
            URL resource = loader.getResource(resources + library);
            Optional<JarEntry> entry = jarEntry(resource);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Path target = folder.resolve(library);
            if (!Files.isRegularFile(target) || Files.size(target) != entry.get().getSize()) {
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, library, ".partial");
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        }
        return Optional.of(folder);
    }

    /** The jar entry behind a resource, with its size and CRC from the jar's directory (nothing inflated). */
    private static Optional<JarEntry> jarEntry(URL resource) throws IOException {
        if (resource == null) {
            return Optional.empty();
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        return Optional.ofNullable(jar.getJarEntry());
    }
}
