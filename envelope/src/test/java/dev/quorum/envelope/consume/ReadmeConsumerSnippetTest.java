package dev.quorum.envelope.consume;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java consumer snippet that consumer teams copy from the READMEs compiles against this module as it is: a
 * newcomer found one that named a type {@code RedisConnections.open} does not return. Each snippet is compiled as
 * the body of a method, with the imports a consumer writes (the module's packages, Jedis' client, {@code Optional}).
 */
class ReadmeConsumerSnippetTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import dev.quorum.envelope.*;
            import dev.quorum.envelope.consume.*;
            import dev.quorum.envelope.redis.*;
            import redis.clients.jedis.UnifiedJedis;
            import java.util.Optional;
            """;

    @Test
    void should_compile_the_consumer_snippet_of_the_project_readme() throws IOException {
        assertCompiles(consumerSnippet(ProjectPaths.root().resolve("README.md")));
    }

    @Test
    void should_compile_the_consumer_snippet_of_the_envelope_readme() throws IOException {
        assertCompiles(consumerSnippet(ProjectPaths.root().resolve("envelope/README.md")));
    }

    /** The first Java block that opens a Redis connection: the consumer example. */
    private static String consumerSnippet(Path readme) throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(readme));
        while (blocks.find()) {
            if (blocks.group(1).contains("RedisConnections.open")) {
                return blocks.group(1);
            }
        }
        throw new AssertionError(readme + ": no Java block with RedisConnections.open");
    }

    private static void assertCompiles(String snippet) {
        String source = IMPORTS + "class Snippet {\n void consume() throws Exception {\n" + snippet + "\n }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "no Java compiler in this JDK (a JRE?)");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean compiled = compiler.getTask(out, new NoClassFiles(compiler), diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-proc:none"), null,
                List.of(new InMemorySource(source))).call();
        assertTrue(compiled, () -> "the README's snippet does not compile:\n" + diagnostics.getDiagnostics() + out + "\n" + source);
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String code;

        InMemorySource(String code) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** Compiles without writing class files anywhere: only whether it compiles matters. */
    private static final class NoClassFiles extends javax.tools.ForwardingJavaFileManager<javax.tools.StandardJavaFileManager> {

        NoClassFiles(JavaCompiler compiler) {
            super(compiler.getStandardFileManager(null, null, null));
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   javax.tools.FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }
}
