package org.larmor.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.NiftiHeader;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIfTI-MRS files and .npy chunks of edited, fMRS and dMRS datasets, read back byte by byte (gunzip, the
 * NIfTI-2 header, the JSON extension after it): the higher dimensions carry the tags and dim_N_header lists of the
 * scan's layout, every file states the scan's RepetitionTime and the receiver reference, and no dim_N key names a
 * dimension the data do not have. nibabel, when /usr/bin/python3 has it, reads the same shapes.
 */
class SeriesNiftiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIM_KEY = Pattern.compile("dim_(\\d+)(_info|_header)?");

    /** A MEGA-like two-condition basis of the fixture lines: the Singlet edited (inverted in ON), Cr unchanged. */
    static SynthBasis editedBasis(Scenario sc) {
        Fid cr = SynthFixtures.singlets().get("Cr");
        Fid on = SynthFixtures.lines(new double[] {2.008}, new double[] {-3});
        Fid off = SynthFixtures.lines(new double[] {2.008}, new double[] {3});
        List<String> names = sc.metabolites().stream().map(Scenario.Metabolite::name).toList();
        assertEquals(List.of("Singlet", "Cr"), names);
        Map<String, Double> diff = new LinkedHashMap<>();
        diff.put("ON", 1.0);
        diff.put("OFF", -1.0);
        return new SynthBasis("test", names, names, List.of("ON", "OFF"), List.of(List.of(on, cr), List.of(off, cr)),
                List.of(new Sequence.Combination("DIFF", diff)), SynthFixtures.MHZ, SynthFixtures.REF, "1H", 0.068, 0,
                0, 1);
    }

    record Nifti(NiftiHeader header, JsonNode json, ByteBuffer data) {
        /** Complex value at (point k, higher indices i5, i6, …) in NIfTI (Fortran) order. */
        double[] value(int k, int... higher) {
            long idx = 0;
            long stride = header.dim()[4];
            idx += k;
            for (int h = 0; h < higher.length; h++) {
                idx += higher[h] * stride;
                stride *= header.dim()[5 + h];
            }
            int at = (int) (header.voxOffset() + 8 * idx);
            return new double[] {data.getFloat(at), data.getFloat(at + 4)};
        }
    }

    static Nifti read(Path file) throws Exception {
        byte[] bytes;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(540, b.getInt(0), "NIfTI-2 header size");
        NiftiHeader h = NiftiHeader.parse(file.toString(), bytes);
        assertEquals(1, bytes[540], "an extension follows the header");
        int esize = b.getInt(544);
        assertEquals(44, b.getInt(548), "ecode 44: NIfTI-MRS");
        int end = 544 + esize;
        while (bytes[end - 1] == 0) {
            end--;
        }
        JsonNode json = JSON.readTree(new String(bytes, 552, end - 552, StandardCharsets.UTF_8));
        return new Nifti(h, json, b);
    }

    /**
     * The checks every data file must pass: RepetitionTime, the receiver reference, the dimension tags, their
     * header lists' lengths, and no dim_N key (N ≥ 5) beyond the data's dimensions.
     */
    static void assertDims(Nifti f, double tr, List<String> tags, String what) {
        JsonNode j = f.json();
        assertEquals(tr, j.get("RepetitionTime").asDouble(), 0, what + ": RepetitionTime");
        assertEquals(SynthFixtures.REF, j.get(Dataset.RECEIVER_REFERENCE_KEY).get("Value").asDouble(), 0,
                what + ": receiver reference");
        assertTrue(j.get(Dataset.RECEIVER_REFERENCE_KEY).has("Description"), what);
        long[] dim = f.header().dim();
        assertEquals(4 + tags.size(), dim[0], what + ": dim[0]");
        assertEquals(SynthFixtures.N, dim[4], what + ": points");
        for (int k = 0; k < tags.size(); k++) {
            assertEquals(tags.get(k), j.get("dim_" + (5 + k)).asText(), what + ": dim_" + (5 + k));
            JsonNode header = j.get("dim_" + (5 + k) + "_header");
            if (header != null) {
                Iterator<Map.Entry<String, JsonNode>> it = header.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode list = e.getValue().isArray() ? e.getValue() : e.getValue().get("Value");
                    assertTrue(list != null && list.isArray(), what + ": " + e.getKey() + " is a list");
                    assertEquals(dim[5 + k], list.size(), what + ": length of dim_" + (5 + k) + "_header."
                            + e.getKey());
                }
            }
        }
        Iterator<String> names = j.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            Matcher m = DIM_KEY.matcher(key);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                assertTrue(n >= 5 && n <= 4 + tags.size(), what + ": key " + key + " names a dimension the "
                        + dim[0] + "-D data do not have");
            }
        }
        for (int k = 5 + tags.size(); k < 8; k++) {
            assertEquals(1, dim[k], what + ": unused dim[" + k + "]");
        }
    }

    /** The shape in an .npy header. */
    static long[] npyShape(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int len = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String dict = new String(b, 10, len, StandardCharsets.US_ASCII);
        assertTrue(dict.contains("'descr': '<c8'"), dict);
        Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(dict);
        assertTrue(m.find(), dict);
        List<Long> out = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                out.add(Long.parseLong(s.trim()));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static JsonNode manifest(Path dir) throws Exception {
        return JSON.readTree(dir.resolve("manifest.json").toFile());
    }

    static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Dataset.Options nifti(long count) {
        return new Dataset.Options(count, 3, 0, 1, false, false, true, false, false);
    }

    // Kills: EditCondition missing or of another length, dim_5 tagged other than DIM_EDIT, a DIFF file that keeps a
    // dim_5 key (or the spectrum's dim_5_header) though it has no fifth dimension, RepetitionTime missing or not the
    // scan's, conditions interleaved in another order in the data than in EditCondition.
    @Test
    void editedScanHasDimEditWithItsConditionsAndADiffFileWithoutHigherDimensions(@TempDir Path tmp)
            throws Exception {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\nrepetition_time_s: 1.8\nnoise: {snr: 50}\n");
        Synthesiser synth = new Synthesiser(sc, editedBasis(sc));
        Dataset.write(synth, tmp, nifti(2), "x", null);
        Nifti f = read(tmp.resolve("nifti/spectrum_0000001.nii.gz"));
        assertDims(f, 1.8, List.of("DIM_EDIT"), "edited spectrum");
        assertEquals(List.of("ON", "OFF"), strings(f.json().get("dim_5_header").get("EditCondition")));
        assertArrayEquals(new long[] {5, 1, 1, 1, SynthFixtures.N, 2, 1, 1}, f.header().dim());
        Sample s = synth.generate(3, 1, false, false);
        for (int c = 0; c < 2; c++) {
            assertEquals((float) s.fid(0, c).re()[7], f.value(7, c)[0], 0, "condition " + c + " in place");
            assertEquals((float) s.fid(0, c).im()[7], f.value(7, c)[1], 0);
        }
        Nifti d = read(tmp.resolve("nifti/spectrum_0000001_DIFF.nii.gz"));
        assertDims(d, 1.8, List.of(), "DIFF");
        Fid diff = s.combination("DIFF", 0);
        assertEquals((float) diff.re()[3], d.value(3)[0], 0);
        // ON inverts the Singlet: the noise-free DIFF of it is −2·30 at t = 0, the noise a few units.
        assertTrue(diff.re()[0] < -40, "DIFF holds the edited signal: " + diff.re()[0]);
        JsonNode acq = manifest(tmp).get("acquisition");
        assertEquals(List.of("spectrum", "condition", "point"), strings(acq.get("spectra_shape")));
        assertArrayEquals(new long[] {2, 2, SynthFixtures.N}, npyShape(tmp.resolve("spectra_00000.npy")));
        assertEquals(List.of("spectrum", "combination", "point"), strings(acq.get("combinations_shape")));
        assertArrayEquals(new long[] {2, 1, SynthFixtures.N}, npyShape(tmp.resolve("combinations_00000.npy")));
    }

    // Kills: time points not on DIM_DYN (or condition and dynamic swapped in the data), LarmorTime of another length
    // or not the middles of the time points' shots, the DIFF series without its DIM_DYN header, .npy axes in another
    // order than the manifest states.
    @Test
    void editedFmrsSeriesHasDimEditThenDimDynWithTheTimesOfItsTimePoints(@TempDir Path tmp) throws Exception {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\nrepetition_time_s: 2\nnoise: {snr: 50}\n"
                + "fmrs: {dynamics: 6, design: {block: {first_onset_s: 0, on_s: 8, off_s: 8, blocks: 2}},"
                + " responses: {Singlet: {change_percent: 20}}}\n");
        Synthesiser synth = new Synthesiser(sc, editedBasis(sc));
        Dataset.write(synth, tmp, nifti(1), "x", null);
        Nifti f = read(tmp.resolve("nifti/spectrum_0000000.nii.gz"));
        assertDims(f, 2, List.of("DIM_EDIT", "DIM_DYN"), "edited fMRS");
        assertArrayEquals(new long[] {6, 1, 1, 1, SynthFixtures.N, 2, 6, 1}, f.header().dim());
        JsonNode times = f.json().get("dim_6_header").get("LarmorTime").get("Value");
        for (int d = 0; d < 6; d++) {
            // One average of two conditions per time point: shots 2d and 2d + 1, middle at (2d + 0.5)·TR.
            assertEquals((2 * d + 0.5) * 2, times.get(d).asDouble(), 1e-12, "time of time point " + d);
        }
        Sample s = synth.generate(3, 0, false, false);
        for (int d = 0; d < 6; d++) {
            for (int c = 0; c < 2; c++) {
                assertEquals((float) s.fid(d, c).re()[11], f.value(11, c, d)[0], 0, "d " + d + ", c " + c);
            }
        }
        Nifti diff = read(tmp.resolve("nifti/spectrum_0000000_DIFF.nii.gz"));
        assertDims(diff, 2, List.of("DIM_DYN"), "DIFF series");
        assertEquals(6, diff.json().get("dim_5_header").get("LarmorTime").get("Value").size());
        assertEquals((float) s.combination("DIFF", 4).re()[2], diff.value(2, 4)[0], 0);
        JsonNode acq = manifest(tmp).get("acquisition");
        assertEquals(List.of("spectrum", "time_point", "condition", "point"), strings(acq.get("spectra_shape")));
        assertArrayEquals(new long[] {1, 6, 2, SynthFixtures.N}, npyShape(tmp.resolve("spectra_00000.npy")));
        assertArrayEquals(new long[] {1, 6, 1, SynthFixtures.N}, npyShape(tmp.resolve("combinations_00000.npy")));
        python("import nibabel, sys\nimg = nibabel.load(sys.argv[1])\n"
                + "assert img.shape == (1, 1, 1, 2048, 2, 6), img.shape", tmp.resolve("nifti/spectrum_0000000.nii.gz"));
    }

    // Kills: weightings not on DIM_USER_0, DiffusionBValue or DiffusionGradientDirection of another length than the
    // weightings, b in s/m² instead of s/mm², the transients' DIM_USER_0 header put on the averages' dimension,
    // a water reference without the scan's RepetitionTime.
    @Test
    void dmrsSeriesHasDimUser0WithTheBValuesAndDirectionsOfEachWeighting(@TempDir Path tmp) throws Exception {
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\nrepetition_time_s: 2.5\nnoise: {snr: 50}\n"
                + "transients: {averages: 2}\nwater_reference: {}\n"
                + "diffusion:\n  gradients: {b_values_s_per_mm2: [0, 1000, 3000], directions: [[1, 0, 0], [0, 1, 0],"
                + " [0, 0, 1]]}\n  models: {default: {model: mono_exponential, adc_um2_per_ms: 0.15}}\n");
        Dataset.write(synth, tmp, nifti(1), "x", null);
        Nifti f = read(tmp.resolve("nifti/spectrum_0000000.nii.gz"));
        assertDims(f, 2.5, List.of("DIM_USER_0"), "dMRS");
        assertArrayEquals(new long[] {5, 1, 1, 1, SynthFixtures.N, 7, 1, 1}, f.header().dim());
        JsonNode h = f.json().get("dim_5_header");
        double[] expected = {0, 1000, 1000, 1000, 3000, 3000, 3000};
        for (int i = 0; i < 7; i++) {
            assertEquals(expected[i], h.get("DiffusionBValue").get("Value").get(i).asDouble(), 1e-9, "b " + i);
            JsonNode g = h.get("DiffusionGradientDirection").get("Value").get(i);
            double norm = Math.sqrt(g.get(0).asDouble() * g.get(0).asDouble() + g.get(1).asDouble()
                    * g.get(1).asDouble() + g.get(2).asDouble() * g.get(2).asDouble());
            assertEquals(i == 0 ? 0 : 1, norm, 1e-12, "direction " + i);
            if (i > 0) {
                assertEquals(1, g.get((i - 1) % 3).asDouble(), 0, "directions x, y, z in turn");
            }
        }
        Sample s = synth.generate(3, 0, false, false);
        assertEquals((float) s.fid(5, 0).re()[9], f.value(9, 5)[0], 0);
        Nifti t = read(tmp.resolve("nifti/spectrum_0000000_transients.nii.gz"));
        assertDims(t, 2.5, List.of("DIM_DYN", "DIM_USER_0"), "dMRS transients");
        assertArrayEquals(new long[] {6, 1, 1, 1, SynthFixtures.N, 2, 7, 1}, t.header().dim());
        assertFalse(t.json().has("dim_5_header") && t.json().get("dim_5_header").has("DiffusionBValue"),
                "the averages carry no b values");
        assertEquals(7, t.json().get("dim_6_header").get("DiffusionBValue").get("Value").size());
        Nifti w = read(tmp.resolve("nifti/spectrum_0000000_water.nii.gz"));
        assertDims(w, 2.5, List.of(), "water reference");
        JsonNode acq = manifest(tmp).get("acquisition");
        assertEquals(List.of("spectrum", "weighting", "point"), strings(acq.get("spectra_shape")));
        assertEquals(7, acq.get("b_values_s_per_mm2").size());
        assertArrayEquals(new long[] {1, 7, SynthFixtures.N}, npyShape(tmp.resolve("spectra_00000.npy")));
        python("import nibabel, sys\nimg = nibabel.load(sys.argv[1])\n"
                + "assert img.shape == (1, 1, 1, 2048, 7), img.shape", tmp.resolve("nifti/spectrum_0000000.nii.gz"));
    }

    /** Runs a nibabel check when /usr/bin/python3 has nibabel; skips (with the reason) where it has not. */
    private static void python(String script, Path file) throws Exception {
        boolean have = Files.isExecutable(Path.of("/usr/bin/python3")) && run("import nibabel") == 0;
        Assumptions.assumeTrue(have, "nibabel not available to /usr/bin/python3: the byte-level checks passed");
        assertEquals(0, run(script, file.toString()), "nibabel check failed");
    }

    private static int run(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0 && args.length > 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }
}
