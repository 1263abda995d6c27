package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor report}: one page beside the basis set, or where asked. */
class ReportCommandTest {
    @Test
    void writesAWellFormedPageNamingEveryMetabolite(@TempDir Path tmp) throws Exception {
        Path basis = tmp.resolve("pa");
        BasisWriters.write(CompareCommandTest.simulate(2.89), Format.parse("lcmodel,fsl"), basis);
        CompareCommandTest.Run r = CompareCommandTest.run("report", basis.toString());
        assertEquals(0, r.code(), r.err());
        Path page = basis.resolve("report.html");
        assertTrue(r.out().contains("report on 3 spectra") && r.out().contains(page.toString()), r.out());
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        String html = Files.readString(page);
        for (String s : new String[] {"NAA", "Cr", "Ins", "Field strength", "2.89 T", "PULSE-ACQUIRE (pa-cli)"}) {
            assertTrue(html.contains(s), s);
        }
        // A file from another tool: the page goes beside it.
        Path alone = Files.createDirectories(tmp.resolve("alone"));
        Path b = Files.copy(basis.resolve("lcmodel/pa-cli.BASIS"), alone.resolve("other.BASIS"));
        CompareCommandTest.Run o = CompareCommandTest.run("report", b.toString(), "--ppm", "0.5,4.3");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(alone.resolve("other.html")).contains("not stated in the files"));
        CompareCommandTest.Run out = CompareCommandTest.run("report", b.toString(), "-o",
                tmp.resolve("reports/x.html").toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(Files.exists(tmp.resolve("reports/x.html")));
        CompareCommandTest.Run missing = CompareCommandTest.run("report", tmp.resolve("none").toString());
        assertEquals(2, missing.code());
    }
}
