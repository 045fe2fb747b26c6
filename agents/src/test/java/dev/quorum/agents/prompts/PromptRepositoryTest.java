package dev.quorum.agents.prompts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptRepositoryTest {

    @TempDir
    Path dir;

    void write(int version, String user) throws Exception {
        Files.writeString(dir.resolve("risk.prompt"),
                "# prompt: risk\n# version: " + version + "\n[system]\nRisk analyst.\n[user]\n" + user + "\n");
    }

    @Test
    void should_serve_an_edited_file_on_the_next_call_without_restart() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        write(1, "VIX {{vix_level}}");
        PromptTemplate first = prompts.current("risk");

        write(2, "VIX {{vix_level}}, beta {{beta_60d_spy}}");
        PromptTemplate second = prompts.current("risk");

        assertEquals("risk@1", first.promptId());
        assertEquals("risk@2", second.promptId());
        assertNotEquals(first.contentHash(), second.contentHash());
        assertEquals("VIX 21, beta n/a", second.render(Map.of("vix_level", "21")).user());
    }

    @Test
    void should_keep_serving_the_last_good_version_when_an_edit_is_broken() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        write(1, "VIX {{vix_level}}");
        PromptTemplate good = prompts.current("risk");

        write(2, "VIX {{vix_levle}}");
        PromptTemplate served = prompts.current("risk");

        assertEquals(good.contentHash(), served.contentHash());
        PromptTemplateException rejection = prompts.rejection("risk").orElseThrow();
        assertEquals(6, rejection.line());
        assertTrue(rejection.getMessage().contains("risk.prompt line 6: unknown placeholder 'vix_levle'"), rejection::getMessage);

        write(3, "VIX {{vix_level}}");
        assertEquals("risk@3", prompts.current("risk").promptId());
        assertTrue(prompts.rejection("risk").isEmpty());
    }

    @Test
    void should_keep_serving_when_the_file_disappears() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        write(1, "VIX {{vix_level}}");
        prompts.current("risk");

        Files.delete(dir.resolve("risk.prompt"));

        assertEquals("risk@1", prompts.current("risk").promptId());
        assertTrue(prompts.rejection("risk").orElseThrow().getMessage().contains("cannot read it"));
    }

    @Test
    void should_fail_clearly_when_no_good_version_was_ever_loaded() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        Files.writeString(dir.resolve("risk.prompt"), "[system]\nx\n[user]\ny\n");

        PromptTemplateException e = assertThrows(PromptTemplateException.class, () -> prompts.current("risk"));

        assertTrue(e.getMessage().endsWith("risk.prompt line 1: missing header line '# prompt: risk'"), e::getMessage);
        assertThrows(PromptTemplateException.class, () -> prompts.current("macro"));
    }

    @Test
    void should_clear_the_rejection_when_a_vanished_file_comes_back_unchanged() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        write(1, "VIX {{vix_level}}");
        prompts.current("risk");
        Files.delete(dir.resolve("risk.prompt"));
        prompts.current("risk");

        write(1, "VIX {{vix_level}}");

        assertEquals("risk@1", prompts.current("risk").promptId());
        assertTrue(prompts.rejection("risk").isEmpty(), "the same bytes as the good version, read again");
    }

    @Test
    void should_keep_rejecting_an_unchanged_file_that_is_not_utf8() throws Exception {
        PromptRepository prompts = new PromptRepository(dir);
        write(1, "VIX {{vix_level}}");
        prompts.current("risk");
        Files.write(dir.resolve("risk.prompt"), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28});

        assertEquals("risk@1", prompts.current("risk").promptId());
        assertEquals("risk@1", prompts.current("risk").promptId());
        assertTrue(prompts.rejection("risk").orElseThrow().getMessage().contains("not valid UTF-8"));

        write(2, "VIX {{vix_level}}");
        assertEquals("risk@2", prompts.current("risk").promptId());
        assertTrue(prompts.rejection("risk").isEmpty());
    }
}
