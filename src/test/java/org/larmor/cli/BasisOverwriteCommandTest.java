package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue items 1, 12 and 13 as a user meets them on the command line. */
class BasisOverwriteCommandTest {
    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void secondRunIntoASetIsRefusedUnlessOverwrite(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CommandLineTest.Run first = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "NAA,Cr", "--format", "lcmodel,fsl", "--out", out.toString(), "-q");
        assertEquals(0, first.code(), first.err());
        List<String> before = files(out);
        CommandLineTest.Run again = CommandLineTest.run("basis", "--sequence", "sequences/press-te144-3t.yaml",
                "--metabolites", "NAA", "--format", "fsl", "--out", out.toString(), "-q");
        assertEquals(2, again.code(), again.out());
        assertTrue(again.err().contains("holds a Larmor basis set already") && again.err().contains("press-te30-3t")
                && again.err().contains("--overwrite"), again.err());
        assertEquals(before, files(out), "nothing written");
        CommandLineTest.Run over = CommandLineTest.run("basis", "--sequence", "sequences/press-te144-3t.yaml",
                "--metabolites", "NAA", "--format", "fsl", "--out", out.toString(), "-q", "--overwrite");
        assertEquals(0, over.code(), over.err());
        assertEquals(List.of("fsl/NAA.json", "provenance.json"), files(out), "the older run's files are gone");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test
    void overwriteRemovesTheReportOfTheReplacedSetButNotAnotherHtmlFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml", "--metabolites",
                "NAA", "--format", "fsl", "--out", out.toString(), "-q").code());
        CommandLineTest.Run rep = CommandLineTest.run("report", out.toString());
        assertEquals(0, rep.code(), rep.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        Files.writeString(out.resolve("notes.html"), "<html>my notes</html>");
        assertEquals(0, CommandLineTest.run("basis", "--sequence", "sequences/press-te144-3t.yaml", "--metabolites",
                "NAA", "--format", "fsl", "--out", out.toString(), "-q", "--overwrite").code());
        assertTrue(!Files.exists(out.resolve("report.html")), "the report of the TE 30 set would describe TE 144");
        assertTrue(Files.exists(out.resolve("notes.html")), "not Larmor's to remove");
    }

    @Test
    void simulateOutRefusesAnExistingSetUnlessOverwrite(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("one");
        String[] args = {"simulate", "--sequence", "sequences/press-te30-3t.yaml", "--metabolite", "Cr", "--lines",
            "0", "--format", "fsl", "--out", out.toString()};
        assertEquals(0, CommandLineTest.run(args).code());
        CommandLineTest.Run again = CommandLineTest.run(args);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
        String[] over = java.util.Arrays.copyOf(args, args.length + 1);
        over[args.length] = "--overwrite";
        CommandLineTest.Run r = CommandLineTest.run(over);
        assertEquals(0, r.code(), r.err());
        assertEquals(2, CommandLineTest.run("simulate", "--sequence", "sequences/press-te30-3t.yaml", "--metabolite",
                "Cr", "--overwrite").code(), "--overwrite without --out");
    }

    @Test
    void helpNamesTheSetsAndWhatTheyHold() {
        CommandLineTest.Run r = CommandLineTest.run("basis", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("brain [1H] (default for 1H)"), r.out());
        assertTrue(r.out().contains("brain-31p [31P] (default for 31P)"), r.out());
        for (String s : List.of("brain [1H]", "all:", "alternates [1H]:", "reference [1H]:", "extra-31p [31P]:", "GABA_gov", "Ref0ppm", "--overwrite")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    @Test
    void shortenedLcmodelNamesAreNoticed(@TempDir Path tmp) {
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "NAA,GABA_gov", "--format", "lcmodel", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("GABA_gov -> GABAgv"), r.out());
        assertFalse(r.out().contains("Ref0"), r.out());
    }
}
