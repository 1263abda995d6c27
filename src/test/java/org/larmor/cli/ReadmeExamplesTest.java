package org.larmor.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue item 15: the README's examples name files that exist, and its timings say where they were measured. */
class ReadmeExamplesTest {
    @Test
    void pulseExampleNamesAnExistingFile() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("\\./larmor pulse (\\S+)").matcher(readme);
        boolean any = false;
        while (m.find()) {
            any = true;
            String file = m.group(1);
            assertTrue(file.startsWith("../shared/reference/") || Files.exists(Path.of(file)), file);
            if (Files.isDirectory(Path.of("../shared/reference"))) {
                assertTrue(Files.exists(Path.of(file)), file + " does not exist");
            }
        }
        assertTrue(any, "the README has a pulse example");
        assertFalse(readme.contains("my-refocusing.pta"));
    }

    @Test
    void timingsAreMeasuredOnATwoCoreMachine() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertFalse(readme.contains("about a minute"), "unmeasured figure");
        assertFalse(readme.contains("9,000 spectra per second"), "unmeasured figure");
        // The shaped-basis and the synthesiser examples each state a measured wall time and the machine.
        Matcher m = Pattern.compile("[0-9.]+ s for the whole command[^:]*2-core machine").matcher(readme);
        int stated = 0;
        while (m.find()) {
            stated++;
        }
        assertTrue(stated >= 2, "measured timings with their machine: " + stated);
    }
}
