package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIfTI-MRS higher dimensions (specification v0.3 §2.3; definitions.json tags): acquired conditions on DIM_EDIT with
 * EditCondition and EditPulse, the indirect dimension after them with its EchoTime per index, data in Fortran order.
 * Read back by nibabel, an independent reader, and by Larmor's own reader.
 */
class NiftiDimensionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String HERMES = "name: hermes-3t\ntemplate: hermes\nb0_t: 2.89\nte1_ms: 14\nte2_ms: 66\n"
            + "editing: {bandwidth_hz: 60}\nacquisition: {points: 1024, spectral_width_hz: 4000}\n";
    static final String TE_SERIES = "name: te-series\ntemplate: press\nb0_t: 2.89\nte1_ms: 15\nte2_ms: 15\n"
            + "series: {parameter: te2_ms, values_ms: [15, 25, 35]}\nacquisition: {points: 1024, spectral_width_hz: 4000}\n";
    static final String JPRESS = "name: jpress-3t\ntemplate: jpress\nb0_t: 2.89\nte1_ms: 15\nte2_ms: 15\n"
            + "series: {parameter: te2_ms, start_ms: 15, step_ms: 2, count: 4}\n"
            + "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    /**
     * Loads a file with nibabel, applies the reference validator's rules on the dimension keys, and prints shape,
     * pixdim[5..7], the JSON (without provenance) and, for every index of the higher dimensions (nibabel's
     * indexing, i.e. the order NIfTI defines), the FID.
     */
    static final String DUMP = """
            import json, sys
            import nibabel as nib, numpy as np
            img = nib.load(sys.argv[1]); h = img.header
            assert h.get_data_dtype() == np.complex64 and 4 <= img.ndim <= 7
            meta = json.loads([e for e in h.extensions if e.get_code() == 44][0].get_content().decode('utf-8'))
            tags = {'DIM_COIL', 'DIM_DYN', 'DIM_INDIRECT_0', 'DIM_INDIRECT_1', 'DIM_INDIRECT_2', 'DIM_PHASE_CYCLE',
                'DIM_EDIT', 'DIM_MEAS', 'DIM_USER_0', 'DIM_USER_1', 'DIM_USER_2', 'DIM_ISIS', 'DIM_METCYCLE'}
            for n in range(5, 8):
                if n <= img.ndim:
                    assert meta['dim_%d' % n] in tags, n
                    assert isinstance(meta.get('dim_%d_info', ''), str)
                    for v in meta.get('dim_%d_header', {}).values():
                        assert isinstance(v, list) and len(v) == img.shape[n - 1], (n, v)
                else:
                    assert 'dim_%d' % n not in meta, n
            meta.pop('LarmorProvenance')
            data = np.asarray(img.dataobj)
            fids = {}
            for idx in np.ndindex(*img.shape[4:]):
                fid = data[(0, 0, 0, slice(None)) + idx]
                fids[','.join(map(str, idx))] = [fid.real.tolist(), fid.imag.tolist()]
            print(json.dumps({'shape': list(img.shape), 'pixdim': [float(x) for x in h['pixdim'][5:8]],
                'meta': meta, 'fids': fids}))
            """;

    static JsonNode nibabel(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", DUMP, file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return JSON.readTree(out);
    }

    static BasisSet simulate(String yaml, String metabolites) {
        Sequence seq = SequenceReader.parse("sequences/x.yaml", yaml);
        return BasisSimulator.simulate(IoFixtures.library().select(metabolites), seq, null);
    }

    /** The FID nibabel read at {@code index} equals {@code expected} to complex64 precision. */
    static void assertFid(Fid expected, JsonNode fid, String what) {
        double max = 0;
        double diff = 0;
        for (int k = 0; k < expected.points(); k++) {
            max = Math.max(max, Math.hypot(expected.re()[k], expected.im()[k]));
            diff = Math.max(diff, Math.hypot(expected.re()[k] - fid.get(0).get(k).asDouble(),
                    expected.im()[k] - fid.get(1).get(k).asDouble()));
        }
        assertEquals(expected.points(), fid.get(0).size(), what);
        assertTrue(diff <= 1e-6 * max, what + ": differs by " + diff + " of " + max);
    }

    @Test
    void hermesStacksFourConditionsOnDimEditWithDualBandOffsets(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NiftiMrsTest.nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = simulate(HERMES, "NAA,GABA");
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir);
        JsonNode r = nibabel(dir.resolve("nifti/GABA.nii.gz"));
        assertEquals("[1,1,1,1024,4]", r.get("shape").toString());
        assertEquals("[1.0,1.0,1.0]", r.get("pixdim").toString(), "pixdim[5..7] are not used (spec §2.3)");
        JsonNode m = r.get("meta");
        assertEquals("DIM_EDIT", m.get("dim_5").asText());
        assertEquals("[\"A\",\"B\",\"C\",\"D\"]", m.get("dim_5_header").get("EditCondition").toString());
        JsonNode pulses = m.get("EditPulse");
        assertEquals("[1.9,4.56]", pulses.get("A").get("PulseOffset").toString(), "dual-band A: a list");
        assertEquals(1.9, pulses.get("B").get("PulseOffset").asDouble());
        assertTrue(pulses.get("B").get("PulseOffset").isNumber(), "single band: a number");
        assertEquals(4.56, pulses.get("C").get("PulseOffset").asDouble());
        assertEquals(7.5, pulses.get("D").get("PulseOffset").asDouble());
        assertEquals("1H", pulses.get("A").get("Nucleus").asText());
        assertFalse(pulses.get("A").has("PulseDuration"), "ideal pulses have no duration");
        assertEquals(0.080, m.get("EchoTime").asDouble(), 1e-12, "TE does not vary: top level");
        BasisSpectrum gaba = set.spectra().get(1);
        List<String> conds = List.of("A", "B", "C", "D");
        for (int c = 0; c < 4; c++) {
            assertFid(gaba.fid(conds.get(c)), r.get("fids").get(Integer.toString(c)), conds.get(c));
        }
        // A and B (editing 1.9 ppm) differ from C and D: the index order is not an accident of equal data.
        assertTrue(IoFixtures.relativeError(gaba.fid("A"), gaba.fid("D")) > 0.01);

        JsonNode diff = nibabel(dir.resolve("nifti/gaba/GABA.nii.gz"));
        assertEquals("[1,1,1,1024]", diff.get("shape").toString());
        assertFid(gaba.fid("GABA"), diff.get("fids").get(""), "GABA combination");
        assertFalse(Files.exists(dir.resolve("nifti/gaba/NAA.nii.gz")), "NAA cancels in the GABA combination");
        assertTrue(Files.exists(dir.resolve("nifti/sum/NAA.nii.gz")));

        ReadBasis back = NiftiMrsReader.readFolder(dir.resolve("nifti"));
        assertEquals(set.conditions(), back.conditionNames());
        assertEquals(List.of("GABA"), List.copyOf(back.fids("GABA").keySet()));
    }

    @Test
    void teSeriesPutsEchoTimesOnDimFiveAndNotAtTheTopLevel(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NiftiMrsTest.nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = simulate(TE_SERIES, "NAA,Lac");
        assertEquals(List.of("te2_15ms", "te2_25ms", "te2_35ms"), set.conditions());
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir);
        JsonNode r = nibabel(dir.resolve("nifti/Lac.nii.gz"));
        assertEquals("[1,1,1,1024,3]", r.get("shape").toString());
        JsonNode m = r.get("meta");
        assertEquals("DIM_USER_0", m.get("dim_5").asText());
        assertTrue(m.get("dim_5_info").asText().startsWith("echo-time series"), m.get("dim_5_info").asText());
        JsonNode te = m.get("dim_5_header").get("EchoTime");
        assertEquals(3, te.size());
        // TE = te1 + te2 = 15 + 15, 25, 35 ms.
        assertEquals(0.030, te.get(0).asDouble(), 1e-12);
        assertEquals(0.040, te.get(1).asDouble(), 1e-12);
        assertEquals(0.050, te.get(2).asDouble(), 1e-12);
        assertFalse(m.has("EchoTime"), "EchoTime varies along dim 5, so no single top-level value");
        assertFalse(m.has("dim_6"));
        BasisSpectrum lac = set.spectra().get(1);
        for (int i = 0; i < 3; i++) {
            assertFid(lac.fid(set.conditions().get(i)), r.get("fids").get(Integer.toString(i)), "increment " + i);
        }
        // Lactate's doublet evolves under J: the increments really differ.
        assertTrue(IoFixtures.relativeError(lac.fid("te2_15ms"), lac.fid("te2_35ms")) > 0.01);

        ReadBasis back = NiftiMrsReader.read(dir.resolve("nifti/Lac.nii.gz"));
        assertEquals(set.conditions(), back.conditionNames());
        assertEquals(0.030, back.echoTimeS(), 1e-12, "first EchoTime of the dimension header");
    }

    @Test
    void jpressTagsItsIncrementsDimIndirectZero(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NiftiMrsTest.nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = simulate(JPRESS, "Lac");
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir);
        JsonNode m = nibabel(dir.resolve("nifti/Lac.nii.gz")).get("meta");
        assertEquals("DIM_INDIRECT_0", m.get("dim_5").asText());
        assertTrue(m.get("dim_5_info").asText().startsWith("incremented echo time for J-evolution"));
        assertEquals(4, m.get("dim_5_header").get("EchoTime").size());
        assertEquals(0.002, m.get("dim_5_header").get("EchoTime").get(1).asDouble()
                - m.get("dim_5_header").get("EchoTime").get(0).asDouble(), 1e-12, "2 ms steps");
    }

    @Test
    void editedSeriesIsSixDimensionalConditionFastest(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NiftiMrsTest.nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = simulate("name: mega-series\ntemplate: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80}\nseries: {parameter: te2_ms, values_ms:"
                + " [51, 61]}\nacquisition: {points: 1024, spectral_width_hz: 4000}\n", "GABA");
        Sequence seq = set.sequence();
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir);
        JsonNode r = nibabel(dir.resolve("nifti/GABA.nii.gz"));
        assertEquals("[1,1,1,1024,2,2]", r.get("shape").toString());
        JsonNode m = r.get("meta");
        assertEquals("DIM_EDIT", m.get("dim_5").asText());
        assertEquals("DIM_USER_0", m.get("dim_6").asText());
        assertEquals("[\"ON\",\"OFF\"]", m.get("dim_5_header").get("EditCondition").toString());
        assertEquals(2, m.get("dim_6_header").get("EchoTime").size());
        BasisSpectrum gaba = set.spectra().get(0);
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                String cond = seq.conditions().get(c);
                assertFid(gaba.fid(seq.spectrumName(cond, i)), r.get("fids").get(c + "," + i), cond + " " + i);
            }
        }
        JsonNode diff = nibabel(dir.resolve("nifti/diff/GABA.nii.gz"));
        assertEquals("[1,1,1,1024,2]", diff.get("shape").toString());
        assertEquals("DIM_USER_0", diff.get("meta").get("dim_5").asText());
        assertFid(gaba.fid(seq.spectrumName("DIFF", 1)), diff.get("fids").get("1"), "DIFF at 61 ms");

        ReadBasis back = NiftiMrsReader.readFolder(dir.resolve("nifti"));
        assertEquals(new java.util.TreeSet<>(set.conditions()), new java.util.TreeSet<>(back.conditionNames()));
    }

    /**
     * Sub-experiments that are not editing (here an inversion pulse on and off, as in ISIS) go on the dimension the
     * file names, with their names as user metadata, and no EditPulse.
     */
    @Test
    void conditionsThatAreNotEditingGoOnTheirOwnDimension() throws IOException {
        Sequence seq = SequenceReader.parse("isis.yaml", "name: isis\ntemplate: events\nb0_t: 2.89\n"
                + "conditions_dimension: DIM_ISIS\nparameters: {inv: true}\n"
                + "conditions: {INV: {inv: true}, NOINV: {inv: false}}\n"
                + "combinations: {SUB: {INV: -1, NOINV: 1}}\nevents:\n"
                + "  - pulse: {label: inversion, flip_deg: 180, enabled: $inv}\n"
                + "  - pulse: {label: excitation, flip_deg: 90, phase_deg: 90}\n  - acquire: {}\n"
                + "acquisition: {points: 256, spectral_width_hz: 4000}\n");
        BasisSet set = BasisSimulator.simulate(IoFixtures.library().select("Cr"), seq, null);
        JsonNode j = JSON.readTree(NiftiMrsWriter.json(set, set.spectra().get(0), List.of("INV", "NOINV")));
        assertEquals("DIM_ISIS", j.get("dim_5").asText());
        assertEquals("[\"INV\",\"NOINV\"]", j.get("dim_5_header").get("LarmorCondition").get("Value").toString());
        assertFalse(j.has("EditPulse"));
        // The inversion flips creatine's signal: SUB = NOINV − INV is twice NOINV.
        double inv = set.spectra().get(0).fid("INV").re()[0];
        double noinv = set.spectra().get(0).fid("NOINV").re()[0];
        assertEquals(-noinv, inv, 1e-12);
        assertEquals(2 * noinv, set.spectra().get(0).fid("SUB").re()[0], 1e-12);
    }
}
