package org.larmor.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one check that a refusal is located: its line, its field and the phrases its message must hold. */
public final class InputErrors {
    private InputErrors() {
    }

    /** Asserts {@code e}'s line, field and message phrases, and returns it for further checks. */
    public static InputException assertLocated(InputException e, int line, String field, String... phrases) {
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
        return e;
    }
}
