package dev.quorum.testkit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloserTest {

    @Test
    void should_close_the_last_opened_first_and_every_one_when_some_fail() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add(() -> closed.add("redis"));
        closer.add(() -> {
            closed.add("runtime");
            throw new IllegalStateException("runtime");
        });
        closer.add(() -> {
            closed.add("server");
            throw new IllegalStateException("server");
        });

        IllegalStateException thrown = assertThrows(IllegalStateException.class, closer::close);

        assertEquals(List.of("server", "runtime", "redis"), closed);
        assertEquals("server", thrown.getMessage());
        assertEquals("runtime", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void should_forget_what_it_closed() throws Exception {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add(() -> closed.add("first"));
        closer.close();
        closer.add(() -> closed.add("second"));
        closer.close();

        assertEquals(List.of("first", "second"), closed);
    }
}
