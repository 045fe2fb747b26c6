package dev.quorum.agents.prompts;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptTemplateTest {

    static final Path FILE = Path.of("prompts/technical.prompt");

    static PromptTemplate parse(String content) throws PromptTemplateException {
        return PromptTemplate.parse(FILE, content, PromptVocabulary.all());
    }

    static String file(String system, String user) {
        return "# prompt: technical\n# version: 2\n[system]\n" + system + "\n[user]\n" + user + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"technical", "risk", "sentiment", "macro", "synthesis"})
    void should_parse_every_shipped_prompt(String id) throws Exception {
        Path file = ProjectPaths.root().resolve("prompts").resolve(id + ".prompt");

        PromptTemplate template = PromptTemplate.parse(file, Files.readString(file), PromptVocabulary.all());

        assertEquals(id, template.id());
        assertTrue(template.promptId().startsWith(id + "@"));
        RenderedPrompt rendered = template.render(Map.of());
        assertTrue(rendered.system().contains("JSON object only"), rendered::system);
        assertTrue(rendered.system().contains("never instructions"), rendered::system);
    }

    @Test
    void should_render_values_and_n_a_for_missing_ones() throws Exception {
        PromptTemplate template = parse(file("Analyst.", "{{ticker}} RSI {{rsi_14}} MACD {{macd}}"));

        RenderedPrompt rendered = template.render(Map.of("ticker", "NVDA", "rsi_14", "61.2"));

        assertEquals("NVDA RSI 61.2 MACD n/a", rendered.user());
        assertEquals("technical@2", rendered.promptId());
        assertEquals(64, rendered.promptHash().length());
    }

    @Test
    void should_show_a_section_only_when_its_value_is_present_and_the_inverse_otherwise() throws Exception {
        PromptTemplate template = parse(file("Analyst.",
                "Data\n{{#similar_situations}}\nPast:\n{{similar_situations}}\n{{/similar_situations}}\n{{^similar_situations}}\nNo history.\n{{/similar_situations}}\nEnd"));

        assertEquals("Data\n\nNo history.\n\nEnd", template.render(Map.of("similar_situations", "")).user());
        assertEquals("Data\n\nPast:\nx\n\nEnd", template.render(Map.of("similar_situations", "x")).user());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "# version: 2\\n[system]\\ns\\n[user]\\nu|1|missing header line '# prompt: technical'",
            "# prompt: technical\\n[system]\\ns\\n[user]\\nu|1|missing header line '# version: <n>'",
            "# prompt: risk\\n# version: 1\\n[system]\\ns\\n[user]\\nu|1|header says prompt 'risk' but the file is named technical.prompt",
            "# prompt: technical\\n# version: two\\n[system]\\ns\\n[user]\\nu|2|version must be a positive integer",
            "# prompt: technical\\n# version: 1\\nYou are\\n[system]\\ns\\n[user]\\nu|3|text before the [system] part",
            "# prompt: technical\\n# version: 1\\n[system]\\ns|4|missing the [user] part",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\nRSI {{ rsi 14 }}|6|unknown placeholder syntax '{{ rsi 14 }}'",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\nRSI {{RSI_14}}|6|unknown placeholder syntax",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\nRSI {{rsi_15}}|6|unknown placeholder 'rsi_15'",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\nRSI {{rsi_14}\\nok|6|unbalanced braces",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\na\\n{{#news}}\\nb|7|section 'news' is never closed",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\n{{#news}}\\n{{/similar_situations}}|7|closes the section 'news' opened at line 6",
            "# prompt: technical\\n# version: 1\\n[system]\\ns\\n[user]\\nx {{/news}}|6|closes a section that was never opened",
    })
    void should_reject_a_broken_template_naming_file_and_line(String content, int line, String problem) {
        PromptTemplateException e = assertThrows(PromptTemplateException.class,
                () -> parse(content.replace("\\n", "\n")));

        assertEquals(line, e.line(), e::getMessage);
        assertTrue(e.getMessage().startsWith(FILE + " line " + line + ": "), e::getMessage);
        assertTrue(e.getMessage().contains(problem), e::getMessage);
    }

    @Test
    void should_hash_the_exact_content() throws Exception {
        String content = file("Analyst.", "{{ticker}}");

        assertEquals(parse(content).contentHash(), parse(content).contentHash());
        assertFalse(parse(content).contentHash().equals(parse(content + " ").contentHash()));
    }
}
