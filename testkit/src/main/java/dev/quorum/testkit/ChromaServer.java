package dev.quorum.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Chroma server from the project's pinned npm package ({@code node_modules/.bin/chroma}, installed by
 * {@code npm ci} at the project root), storing into a temporary directory. Speaks Chroma's /api/v2 only.
 */
public final class ChromaServer extends LocalServerProcess {

    public ChromaServer() {
        super("chroma");
    }

    @Override
    protected List<String> command(int port) {
        return List.of(chromaBinary().toString(), "run", "--path", workDir.resolve("db").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port));
    }

    @Override
    protected String installHint() {
        return "Run 'npm ci' at the project root (scripts/test.sh does this); it installs the pinned chromadb@3.0.14.";
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    private static Path chromaBinary() {
        Path root = ProjectPaths.root();
        Path bin = root.resolve("node_modules/.bin/chroma");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Chroma is not installed at " + bin
                    + ". Run 'npm ci' at the project root (scripts/test.sh does this).");
        }
        return bin;
    }
}
