package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An edited synthetic dataset through the command line: its sub-spectra and DIFF plot, each named. */
class SeriesPlotTest {
    @Test
    void niftiIsRefusedBeforeAnythingIsWrittenWhenTheScenarioStatesNoRepetitionTime(@TempDir Path tmp)
            throws IOException {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "basis:\n  sequence: " + Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()
                + "\n  points: 1024\nconcentrations_mm: {NAA: 10}\n");
        Path ds = tmp.resolve("ds");
        CommandLineTest.Run r = CommandLineTest.run("synth", "-s", scenario.toString(), "-n", "2", "--seed", "1", "-o",
                ds.toString(), "-q", "--nifti");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("RepetitionTime") && r.err().contains("repetition_time_s"), r.err());
        assertTrue(!Files.exists(ds), "nothing written");
    }

    @Test
    void editedSubSpectraAndTheirDifferencePlotByName(@TempDir Path tmp) throws IOException {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "basis:\n  sequence: " + Path.of("sequences/mega-press-te68-3t.yaml")
                .toAbsolutePath() + "\n  points: 1024\nrepetition_time_s: 2\nediting: {}\n"
                + "concentrations_mm: {NAA: 10, GABA: 1.5}\nnoise: {snr: 40}\ntransients: {averages: 4}\n");
        Path ds = tmp.resolve("ds");
        CommandLineTest.Run s = CommandLineTest.run("synth", "-s", scenario.toString(), "-n", "3", "--seed", "1",
                "-o", ds.toString(), "-q", "--nifti");
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(ds.resolve("nifti/spectrum_0000002_DIFF.nii.gz")));
        Path svg = tmp.resolve("p.svg");
        CommandLineTest.Run r = CommandLineTest.run("plot", ds.resolve("spectra_00000.npy").toString(), "-o",
                svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 spectra plotted"), "one row's ON and OFF by default: " + r.out());
        String text = Files.readString(svg);
        assertTrue(text.contains(">spectrum 0 [ON]<") && text.contains(">spectrum 0 [OFF]<"), "named conditions");
        CommandLineTest.Run d = CommandLineTest.run("plot", ds.resolve("combinations_00000.npy").toString(),
                "--index", "1-2", "-o", svg.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(Files.readString(svg).contains(">combinations 2 [DIFF]<"));
    }
}
