package dev.quorum.trader.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigWordsTest {

    @Test
    void should_count_a_swap_of_neighbours_as_one_edit() {
        // By hand: prot -> port swaps r and o (1); paralel -> parallel inserts an l (1); kitten -> sitting is k->s,
        // e->i, +g (3); bind -> port replaces all four letters (4).
        assertEquals(1, ConfigWords.distance("prot", "port"));
        assertEquals(1, ConfigWords.distance("paralel", "parallel"));
        assertEquals(3, ConfigWords.distance("kitten", "sitting"));
        assertEquals(4, ConfigWords.distance("bind", "port"));
        assertEquals(0, ConfigWords.distance("port", "port"));
    }

    @Test
    void should_suggest_only_the_nearest_names_and_nothing_when_none_is_near() {
        List<String> known = List.of("QUORUM_HTTP_PORT", "QUORUM_HTTP_BIND", "QUORUM_REDIS_URL");
        assertEquals(Optional.of("did you mean QUORUM_HTTP_PORT?"), ConfigWords.didYouMean("QUORUM_HTTP_PROT", known));
        assertEquals(List.of("bind", "mind"), ConfigWords.closest("kind", List.of("mind", "bind", "binds")));
        assertEquals(Optional.empty(), ConfigWords.didYouMean("colour", List.of("port", "bind")));
    }
}
