package org.larmor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.NiftiMrsDataWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code larmor realism} on cohorts the synthesiser makes here: the same scenario with two seeds is indistinguishable;
 * a linewidth 2 Hz wider, or half the SNR, is flagged (exit status 3); spectra without NAA, uncombined coils and bad
 * options are refused (exit status 2) with nothing written.
 */
class RealismCommandTest {
    record Run(int code, String out, String err) {
    }

    static final int COUNT = 150;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path a;
    static Path b;
    static Path wide;
    static Path lowSnr;

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LarmorCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Path synth(String name, String yaml, int seed) throws Exception {
        Path scenario = tmp.resolve(name + ".yaml");
        Files.writeString(scenario, yaml);
        Path out = tmp.resolve(name);
        Run r = run("synth", "--scenario", scenario.toString(), "--count", String.valueOf(COUNT), "--seed",
                String.valueOf(seed), "--out", out.toString(), "--nifti", "--quiet");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** The shipped grey-matter scenario, its linewidth or SNR distribution changed by {@code edit}. */
    static String scenario(String from, String to) throws Exception {
        String yaml = Files.readString(Path.of("scenarios/press-3t-healthy-gm.yaml"))
                .replace("../sequences/press-te30-3t.yaml",
                        Path.of("sequences/press-te30-3t.yaml").toAbsolutePath().toString());
        if (from != null) {
            assertTrue(yaml.contains(from), from);
            yaml = yaml.replace(from, to);
        }
        return yaml;
    }

    @BeforeAll
    static void cohorts() throws Exception {
        a = synth("a", scenario(null, null), 11);
        b = synth("b", scenario(null, null), 12);
        // +2 Hz on the NAA linewidth distribution (uniform 5–9 Hz → 7–11 Hz).
        wide = synth("wide", scenario("linewidth_hz: {dist: uniform, min: 5.0, max: 9.0}",
                "linewidth_hz: {dist: uniform, min: 7.0, max: 11.0}"), 13);
        // Half the SNR (uniform 20–100 → 10–50).
        lowSnr = synth("low", scenario("snr: {dist: uniform, min: 20, max: 100}",
                "snr: {dist: uniform, min: 10, max: 50}"), 14);
    }

    static JsonNode feature(JsonNode summary, String key) {
        for (JsonNode f : summary.get("features")) {
            if (f.get("feature").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + key);
    }

    @Test
    void theSameScenarioWithAnotherSeedIsIndistinguishable() throws Exception {
        Path html = tmp.resolve("same/report.html");
        Run r = run("realism", a.toString(), b.toString(), "--out", html.toString(), "--tolerance", "p=0.01");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: 6 of 6 features indistinguishable, 0 differ; within tolerance"),
                r.out());
        JsonNode s = JSON.readTree(tmp.resolve("same/report.json").toFile());
        assertTrue(s.get("within_tolerance").asBoolean());
        assertTrue(s.get("all_indistinguishable").asBoolean());
        for (JsonNode f : s.get("features")) {
            assertEquals("indistinguishable", f.get("verdict").asText(), f.toString());
            assertEquals(COUNT, f.get("n_synthetic").asInt());
            assertEquals(COUNT, f.get("n_measured").asInt());
        }
        assertEquals("press-3t-healthy-gm", s.get("synthetic").get("provenance").get("scenario").asText());
        assertEquals(11, s.get("synthetic").get("provenance").get("seed").asInt());

        // The page: well-formed XHTML, self-contained, with every plot and the provenance.
        String page = Files.readString(html);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
        assertFalse(page.contains("<script"));
        assertFalse(page.contains("src="), "no image or script is fetched");
        assertFalse(page.contains("href=\"http"), "no style sheet or link is fetched");
        assertFalse(page.contains("@import") || page.contains("url(http"));
        assertEquals(9, page.split("<svg", -1).length - 1, "six ECDFs and three band plots");
        assertTrue(page.contains("press-3t-healthy-gm") && page.contains("spectrum_0000149.nii.gz"));
        assertTrue(page.contains("Holm"));

        List<String> csv = Files.readAllLines(tmp.resolve("same/report_features.csv"));
        assertEquals(2 * COUNT + 1, csv.size());
        assertTrue(csv.get(0).startsWith("cohort,file,snr,linewidth_hz,offset_hz,phase_deg,residual_water_db,"
                + "baseline_db"), csv.get(0));
        try (Stream<Path> files = Files.list(tmp.resolve("same"))) {
            assertEquals(List.of("report.html", "report.json", "report_features.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void aLinewidthTwoHertzWiderIsFlaggedAndTheSnrIsNot() throws Exception {
        Path html = tmp.resolve("wide.html");
        Run r = run("realism", a.toString(), wide.toString(), "--out", html.toString(), "-t", "p=0.01");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("OUT OF TOLERANCE") && r.out().contains("linewidth_hz"), r.out());
        JsonNode s = JSON.readTree(tmp.resolve("wide.json").toFile());
        assertFalse(s.get("within_tolerance").asBoolean());
        JsonNode lw = feature(s, "linewidth_hz");
        assertEquals("differs", lw.get("verdict").asText());
        assertFalse(lw.get("passes").asBoolean());
        double shift = lw.get("median_difference").asDouble();
        assertTrue(shift > 1.5 && shift < 4, "measured FWHM shift " + shift + " Hz for +2 Hz in the scenario");
        assertEquals("indistinguishable", feature(s, "snr").get("verdict").asText());
        assertEquals("indistinguishable", feature(s, "phase_deg").get("verdict").asText());
    }

    @Test
    void anEffectBoundForgivesADifferenceWithinIt() throws Exception {
        Path html = tmp.resolve("wide-tolerated.html");
        // Baseline power is relative to the NAA height, which a wider line lowers: bounded too.
        Run r = run("realism", a.toString(), wide.toString(), "--out", html.toString(), "-t",
                "p=0.01,linewidth_hz=4", "-t", "baseline_db=3");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode lw = feature(JSON.readTree(tmp.resolve("wide-tolerated.json").toFile()), "linewidth_hz");
        assertEquals("differs", lw.get("verdict").asText());
        assertTrue(lw.get("passes").asBoolean());
        Run tight = run("realism", a.toString(), wide.toString(), "--out", html.toString(), "-t",
                "linewidth_hz=1,baseline_db=3", "--quiet");
        assertEquals(3, tight.code(), tight.out());
        assertTrue(tight.out().startsWith("result: ") && tight.out().contains("OUT OF TOLERANCE: linewidth_hz"),
                tight.out());
    }

    @Test
    void halfTheSnrIsFlagged() throws Exception {
        Path html = tmp.resolve("low.html");
        Run r = run("realism", a.toString(), lowSnr.toString(), "--out", html.toString(), "-t", "p=0.01");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode s = JSON.readTree(tmp.resolve("low.json").toFile());
        JsonNode snr = feature(s, "snr");
        assertEquals("differs", snr.get("verdict").asText());
        double ratio = 1 + snr.get("median_ratio_minus_1").asDouble();
        assertTrue(ratio > 0.35 && ratio < 0.6, "median SNR ratio " + ratio);
        assertEquals("indistinguishable", feature(s, "linewidth_hz").get("verdict").asText());
        List<String> violations = toList(s.get("violations"));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("snr: Holm-adjusted p ")
                && violations.get(0).endsWith(", below α = 0.01"), violations.get(0));
    }

    @Test
    void withoutATolerancetheVerdictsAreReportedAndNothingIsGated() {
        Run r = run("realism", a.toString(), lowSnr.toString(), "--out", tmp.resolve("ungated.html").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: 5 of 6 features indistinguishable, 1 differ"), r.out());
    }

    @Test
    void aSpectrumWithoutNaaIsRefusedWithItsName() throws Exception {
        Path measured = tmp.resolve("measured-with-noise");
        Files.createDirectories(measured);
        List<Path> good;
        try (Stream<Path> s = Files.list(b.resolve("nifti"))) {
            good = s.filter(p -> p.getFileName().toString().matches("spectrum_\\d+\\.nii\\.gz")).sorted().limit(20)
                    .toList();
        }
        for (Path p : good) {
            Files.copy(p, measured.resolve(p.getFileName()));
        }
        Path noise = measured.resolve("zz_noise_only.nii");
        Files.write(noise, nifti(noiseOnly(2048, 1, 3), 2048, List.of()));
        Path html = tmp.resolve("refused.html");
        Run r = run("realism", a.toString(), measured.toString(), "--out", html.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("larmor: error: " + noise + ": no NAA peak"), r.err());
        assertTrue(r.err().contains("not there"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(html), "nothing written");

        Run excluded = run("realism", a.toString(), measured.toString(), "--out", html.toString(),
                "--exclude-missing-peak");
        assertEquals(0, excluded.code(), excluded.out() + excluded.err());
        JsonNode s = JSON.readTree(tmp.resolve("refused.json").toFile());
        assertEquals(20, s.get("measured").get("spectra_measured").asInt());
        assertEquals(noise.toString(), s.get("measured").get("refused").get(0).get("file").asText());
        assertTrue(Files.readString(html).contains("zz_noise_only.nii"));
    }

    @Test
    void uncombinedCoilsAreRefused() throws Exception {
        Path f = tmp.resolve("coils.nii");
        Files.write(f, nifti(noiseOnly(2048, 4, 5), 2048, List.of(new NiftiMrsDataWriter.Dimension(4, "DIM_COIL",
                null))));
        Run r = run("realism", a.toString(), f.toString(), "--out", tmp.resolve("coils.html").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ": dim_5 is DIM_COIL with 4 coils: uncombined coil data are refused"),
                r.err());
    }

    @Test
    void badOptionsAreRefused() {
        Run key = run("realism", a.toString(), b.toString(), "--out", tmp.resolve("x.html").toString(), "-t",
                "fwhm=2");
        assertEquals(2, key.code());
        assertTrue(key.err().contains("--tolerance: unknown key \"fwhm\""), key.err());
        Run ext = run("realism", a.toString(), b.toString(), "--out", tmp.resolve("x.png").toString());
        assertEquals(2, ext.code());
        assertTrue(ext.err().contains("expected a .html file name"), ext.err());
        Run missing = run("realism", tmp.resolve("nope").toString(), b.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope: no such file or folder"), missing.err());
        assertFalse(Files.exists(tmp.resolve("x.html")));
    }

    @Test
    void aTargetInTheWayLeavesNoFileOfTheThree() throws Exception {
        Path dir = tmp.resolve("blocked");
        Files.createDirectories(dir.resolve("r.json"));
        Run r = run("realism", a.toString(), b.toString(), "--out", dir.resolve("r.html").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("larmor: error: cannot write " + dir.resolve("r.html")), r.err());
        assertTrue(r.err().contains("r.json is a folder"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("r.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void helpStatesTheExitStatuses() {
        Run r = run("realism", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("3   compared, and some feature is out of tolerance"), r.out());
        assertTrue(r.out().contains("--tolerance"));
    }

    static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static float[] noiseOnly(int points, int spectra, long seed) {
        Random r = new Random(seed);
        float[] x = new float[2 * points * spectra];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) r.nextGaussian();
        }
        return x;
    }

    static byte[] nifti(float[] data, int points, List<NiftiMrsDataWriter.Dimension> higher) {
        return NiftiMrsDataWriter.write(data, points, higher, 2.5e-4, 123.2, "1H", Map.of(), "test");
    }
}
