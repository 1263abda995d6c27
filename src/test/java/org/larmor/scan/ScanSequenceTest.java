package org.larmor.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlReader;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From a header to a sequence: the preset chosen, what overrides it, what is refused, and where each value came from. */
class ScanSequenceTest {
    static final PresetCatalog CATALOG = PresetCatalog.load(Path.of("sequences"));

    @TempDir
    Path tmp;

    /** A header stating these fields (key: value pairs), as a reader would return it. */
    static ScanHeader header(String file, Object... kv) {
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        for (int i = 0; i < kv.length; i += 2) {
            v.put((HeaderField) kv[i], new ScanHeader.Stated(kv[i + 1], ((HeaderField) kv[i]).name()));
        }
        return new ScanHeader(Path.of(file), "test", v, List.of());
    }

    static ScanHeader siemens(String sequence, double teS) {
        return header("meas.rda", HeaderField.MANUFACTURER, "Siemens", HeaderField.SEQUENCE_NAME, sequence,
                HeaderField.TE_S, teS, HeaderField.SPECTROMETER_HZ, 123.255547e6, HeaderField.NUCLEUS, "1H",
                HeaderField.DWELL_S, 2.5e-4, HeaderField.POINTS, 2048);
    }

    static ScanSequence.Result make(ScanHeader h, String preset, String... sets) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String kv : sets) {
            s.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return ScanSequence.make(h, CATALOG, preset, s, "scan.sequence.yaml");
    }

    @Test
    void theNearestPresetIsTheVendorsOfTheFamilyThenTheNearestEchoTime() {
        assertEquals("siemens-press-te30-3t", make(siemens("svs_se", 0.035), null).preset().name());
        assertEquals("siemens-steam-te20-3t", make(siemens("svs_st", 0.020), null).preset().name());
        assertEquals("siemens-slaser-te30-3t", make(siemens("eja_svs_slaser", 0.030), null).preset().name());
        ScanHeader ge = header("P1.7", HeaderField.MANUFACTURER, "GE", HeaderField.SEQUENCE_NAME, "PROBE-P",
                HeaderField.TE_S, 0.035, HeaderField.SPECTROMETER_HZ, 127.7e6, HeaderField.NUCLEUS, "1H");
        assertEquals("ge-press-te35-3t", make(ge, null).preset().name());
        ScanHeader philips = header("a.SPAR", HeaderField.MANUFACTURER, "Philips", HeaderField.SEQUENCE_NAME,
                "sLASER_TE30", HeaderField.TE_S, 0.030, HeaderField.SPECTROMETER_HZ, 127.7e6, HeaderField.NUCLEUS,
                "1H");
        assertEquals("philips-slaser-te30-3t", make(philips, null).preset().name());
        // No manufacturer stated: a vendor-neutral preset, the nearest in TE.
        ScanHeader neutral = header("x.nii.gz", HeaderField.SEQUENCE_NAME, "PRESS", HeaderField.TE_S, 0.140,
                HeaderField.SPECTROMETER_HZ, 123.05e6, HeaderField.NUCLEUS, "1H");
        assertEquals("press-te144-3t", make(neutral, null).preset().name());
        // A vendor without a preset of that family: the vendor-neutral one, with a note.
        ScanSequence.Result r = make(siemens("MEGA_sLASER", 0.074), null, "editing.on_ppm=1.9",
                "editing.off_ppm=7.5");
        assertEquals("mega-slaser-te74-7t", r.preset().name());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("no Siemens preset for MEGA-sLASER")), r.notes()
                .toString());
    }

    @Test
    void theHeaderOverridesThePresetAndEveryValueSaysWhereItCameFrom() {
        ScanSequence.Result r = make(siemens("svs_se", 0.035), null);
        Sequence s = r.sequence();
        assertEquals("press", s.template());
        assertEquals(0.035, s.timing().echoTimeS(), 1e-12, "TE from the header, not the preset's 30 ms");
        assertEquals(123.255547e6 / 42.577478e6, s.b0T(), 1e-6, "B0 = f0 / γ");
        assertEquals(2048, s.acquisition().points());
        assertEquals(4000, s.acquisition().spectralWidthHz(), 1e-9);
        assertEquals("Siemens", s.manufacturer());
        Map<String, String> src = s.valueSources();
        assertEquals("read from meas.rda (TE_S)", src.get("te_ms"));
        assertTrue(src.get("te1_ms").startsWith("from preset siemens-press-te30-3t.yaml (its TE1"), src.get("te1_ms"));
        assertTrue(src.get("te2_ms").startsWith("te_ms − te1_ms"), src.get("te2_ms"));
        assertTrue(src.get("b0_t").contains("÷ γ/2π of 1H"), src.get("b0_t"));
        assertEquals("from preset siemens-press-te30-3t.yaml", src.get("refocusing"));
        assertEquals("read from meas.rda (POINTS)", src.get("acquisition.points"));
        // Every value the file writes has its source.
        YamlMap doc = YamlReader.read("t", r.yaml()).asMap();
        for (String k : doc.keys()) {
            if (List.of("name", "description", "source", "notes", "value_sources").contains(k)) {
                continue;
            }
            if (k.equals("acquisition")) {
                for (String a : doc.map(k).keys()) {
                    assertNotNull(src.get("acquisition." + a), "acquisition." + a + " has no source");
                }
            } else {
                assertNotNull(src.get(k), k + " has no source");
            }
        }
        assertEquals(16.4, doc.require("te1_ms").asDouble(), 0);
        assertEquals(18.6, doc.require("te2_ms").asDouble(), 1e-12);
    }

    @Test
    void aHeaderMissingTheEchoTimeIsRefusedWithTheFieldNamed() {
        ScanHeader h = header("noTE.rda", HeaderField.MANUFACTURER, "Siemens", HeaderField.SEQUENCE_NAME, "svs_se",
                HeaderField.SPECTROMETER_HZ, 123.2e6, HeaderField.NUCLEUS, "1H");
        InputException e = assertThrows(InputException.class, () -> make(h, null));
        assertTrue(e.getMessage().startsWith("noTE.rda: will not guess: 1 value the sequence needs is not stated"),
                e.getMessage());
        assertTrue(e.getMessage().contains("echo time: the header states no TE (state it: --set te_ms=MS)"),
                e.getMessage());
        // Stated by the user, it is accepted and said so.
        Sequence s = make(h, null, "te_ms=144").sequence();
        assertEquals(0.144, s.timing().echoTimeS(), 1e-12);
        assertEquals("stated on the command line (--set te_ms=144)", s.valueSources().get("te_ms"));
    }

    @Test
    void everyMissingNeedIsListedAtOnce() {
        ScanHeader h = header("bare.dat", HeaderField.SEQUENCE_NAME, "AdjFre", HeaderField.SPECTROMETER_HZ, 123.2e6);
        InputException e = assertThrows(InputException.class, () -> make(h, null));
        String m = e.getMessage();
        assertTrue(m.contains("will not guess: 4 values"), m);
        assertTrue(m.contains("nucleus: the header does not state it (state it: --set nucleus=1H)"), m);
        assertTrue(m.contains("sequence family: its sequence name \"AdjFre\" names no family"), m);
        assertTrue(m.contains("echo time"), m);
        // With the nucleus missing, the frequency cannot become a field: that is not guessed either.
        ScanHeader f = header("f.dat", HeaderField.SEQUENCE_NAME, "svs_se", HeaderField.TE_S, 0.03,
                HeaderField.SPECTROMETER_HZ, 123.2e6);
        String mf = assertThrows(InputException.class, () -> make(f, null)).getMessage();
        assertTrue(mf.contains("field: the header states the spectrometer frequency but no nucleus"), mf);
    }

    @Test
    void megaEditingFrequenciesAreNeedsNotPresetGuesses() {
        String m = assertThrows(InputException.class, () -> make(siemens("svs_edit", 0.068), null)).getMessage();
        assertTrue(m.contains("editing.on_ppm: the header states no ON editing frequency")
                && m.contains("--set editing.on_ppm=PPM") && m.contains("editing.off_ppm"), m);
        Sequence s = make(siemens("svs_edit", 0.068), null, "editing.on_ppm=4.56", "off_ppm=7.5").sequence();
        assertEquals(List.of("ON", "OFF"), s.conditions());
        assertEquals("stated on the command line (--set editing.on_ppm=4.56)", s.valueSources().get("editing.on_ppm"));
        assertEquals("siemens-mega-press-te68-3t", make(siemens("svs_edit", 0.068), null, "on_ppm=4.56",
                "off_ppm=7.5").preset().name());
    }

    @Test
    void presetValuesMadeForAnotherEchoTimeAreRecomputedByTheirRuleOrRefused() {
        // HERMES' editing pulses follow MRSCloud's rule (TE/4 + TE1/4, 3TE/4 + TE1/4): recomputed at TE 90 ms.
        ScanSequence.Result r = make(siemens("HERMES", 0.090), null);
        assertEquals("siemens-hermes-te80-3t", r.preset().name());
        YamlMap editing = YamlReader.read("t", r.yaml()).asMap().map("editing");
        assertEquals(26.375, editing.list("times_ms").get(0).asDouble(), 1e-12);
        assertEquals(71.375, editing.list("times_ms").get(1).asDouble(), 1e-12);
        assertTrue(r.sources().get("editing.times_ms").contains("placement rule"), r.sources().toString());
        // GE's MEGA-sLASER spaces its pulses for TE 82 ms only: at TE 90 ms that spacing is refused, not stretched.
        ScanHeader ge = header("P2.7", HeaderField.MANUFACTURER, "GE", HeaderField.SEQUENCE_NAME, "mega_slaser",
                HeaderField.TE_S, 0.090, HeaderField.SPECTROMETER_HZ, 127.7e6, HeaderField.NUCLEUS, "1H");
        String m = assertThrows(InputException.class, () -> make(ge, null, "on_ppm=1.9", "off_ppm=7.5"))
                .getMessage();
        assertTrue(m.contains("spacing_ms: preset ge-mega-slaser-te82-3t spaces its pulses") && m.contains(
                "editing.times_ms"), m);
    }

    @Test
    void presetAndSetOverridesAreStatedByTheUser() {
        ScanSequence.Result r = make(siemens("svs_se", 0.030), "press-te30-3t", "acquisition.points=1024",
                "manufacturer=Siemens");
        assertEquals("press-te30-3t", r.preset().name());
        assertEquals(1024, r.sequence().acquisition().points());
        assertEquals("stated on the command line (--set acquisition.points=1024)", r.sources().get(
                "acquisition.points"));
        String m = assertThrows(InputException.class, () -> make(siemens("svs_se", 0.030), "steam-te20-7t"))
                .getMessage();
        assertTrue(m.contains("is STEAM, but the sequence is PRESS"), m);
        String k = assertThrows(InputException.class, () -> make(siemens("svs_se", 0.030), null, "tm_mss=3"))
                .getMessage();
        assertTrue(k.contains("--set tm_mss: not a key of a press sequence file"), k);
        // --preset states the family when the header names none.
        ScanHeader unnamed = header("u.nii", HeaderField.TE_S, 0.03, HeaderField.SPECTROMETER_HZ, 123.2e6,
                HeaderField.NUCLEUS, "1H");
        assertEquals("stated on the command line (--preset steam-te20-7t)", make(unnamed, "steam-te20-7t")
                .sources().get("template"));
    }

    @Test
    void aHeaderEchoTimeThatDisagreesWithThePresetChangesTheSimulatedSpectrum() {
        // The preset is TE 30 ms; the header says 144 ms, where lactate's methyl doublet is inverted (TE ≈ 1/J).
        ScanHeader h = header("lac.nii.gz", HeaderField.SEQUENCE_NAME, "PRESS", HeaderField.TE_S, 0.144,
                HeaderField.SPECTROMETER_HZ, 123.05e6, HeaderField.NUCLEUS, "1H");
        Sequence fromScan = make(h, "press-te30-3t").sequence();
        Sequence preset = SequenceReader.read(Path.of("sequences/press-te30-3t.yaml"));
        assertEquals(0.144, fromScan.timing().echoTimeS(), 1e-12);
        assertEquals(0.030, preset.timing().echoTimeS(), 1e-12);
        SpinSystem lac = SpinLibrary.load(Path.of("spin-systems")).find("Lac").orElseThrow();
        double atScan = methylReal(BasisSimulator.simulate(lac, fromScan).lines().get("main"), fromScan);
        double atPreset = methylReal(BasisSimulator.simulate(lac, preset).lines().get("main"), preset);
        assertTrue(atPreset > 2.0, "upright at TE 30 ms: " + atPreset);
        assertTrue(atScan < -2.0, "inverted at the header's TE 144 ms: " + atScan);
    }

    /** The summed real amplitude of the lines within 20 Hz of lactate's methyl (1.31 ppm), either sign of offset. */
    private static double methylReal(LineList l, Sequence s) {
        double centre = (s.acquisition().referencePpm() - 1.3142) * s.hzPerPpm();
        double sum = 0;
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(Math.abs(l.frequencyHz()[k]) - centre) < 20) {
                sum += l.amplitudeRe()[k];
            }
        }
        return sum;
    }

    @Test
    void aHermesHeaderWhoseEditPulsesDisagreeWithTheTemplateIsRefused() {
        Map<String, List<Double>> pulses = new LinkedHashMap<>();
        pulses.put("A", List.of(1.9, 4.56));
        pulses.put("B", List.of(1.9));
        pulses.put("C", List.of(4.18));
        ScanHeader h = header("hermes.nii.gz", HeaderField.SEQUENCE_NAME, "HERMES", HeaderField.TE_S, 0.080,
                HeaderField.SPECTROMETER_HZ, 123.05e6, HeaderField.NUCLEUS, "1H", HeaderField.EDIT_PULSES, pulses);
        String m = assertThrows(InputException.class, () -> make(h, null)).getMessage();
        assertTrue(m.contains("plays [4.18] ppm in condition C") && m.contains("plays [4.56] ppm there"), m);
        pulses.put("C", List.of(4.56));
        assertFalse(make(h, null).sequence().conditions().isEmpty());
    }

    @Test
    void editedDataUnderAnUneditedSequenceNameAreRefused() {
        ScanHeader h = header("mega.nii.gz", HeaderField.SEQUENCE_NAME, "svs_se", HeaderField.TE_S, 0.068,
                HeaderField.SPECTROMETER_HZ, 123.2e6, HeaderField.NUCLEUS, "1H", HeaderField.EDIT_CONDITIONS, 2);
        String m = assertThrows(InputException.class, () -> make(h, null)).getMessage();
        assertTrue(m.contains("the data hold 2 editing conditions") && m.contains("edits nothing"), m);
        ScanHeader four = header("h.nii.gz", HeaderField.SEQUENCE_NAME, "MEGA-PRESS", HeaderField.TE_S, 0.068,
                HeaderField.SPECTROMETER_HZ, 123.2e6, HeaderField.NUCLEUS, "1H", HeaderField.EDIT_CONDITIONS, 4);
        String f = assertThrows(InputException.class, () -> make(four, null, "on_ppm=1.9", "off_ppm=7.5"))
                .getMessage();
        assertTrue(f.contains("the data hold 4 editing conditions") && f.contains("has 2 [ON, OFF]"), f);
    }

    @Test
    void aFrequencyThatContradictsTheStatedFieldIsRefused() {
        // 49.9 MHz is 2.90 T for 31P but 1.17 T for 1H: a header labelled 1H with a 2.89 T field is inconsistent.
        ScanHeader h = header("p.rda", HeaderField.SEQUENCE_NAME, "svs_se", HeaderField.TE_S, 0.03,
                HeaderField.SPECTROMETER_HZ, 49.9e6, HeaderField.NUCLEUS, "1H", HeaderField.B0_T, 2.89);
        String m = assertThrows(InputException.class, () -> make(h, null)).getMessage();
        assertTrue(m.contains("is 1.171981 T for 1H, but it states a field of 2.89 T") && m.contains("nucleus"), m);
        ScanHeader ok = header("q.rda", HeaderField.SEQUENCE_NAME, "svs_se", HeaderField.TE_S, 0.03,
                HeaderField.SPECTROMETER_HZ, 123.255547e6, HeaderField.NUCLEUS, "1H", HeaderField.B0_T, 2.89362);
        assertEquals(2.894853, make(ok, null).sequence().b0T(), 1e-9, "the resonance frequency sets the field");
    }
}
