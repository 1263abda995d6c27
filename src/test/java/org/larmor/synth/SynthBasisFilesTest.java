package org.larmor.synth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A synthesiser basis read from files: FSL-MRS JSON written here line by line (so every amplitude and width is
 * known), and NIfTI-MRS folders with ON/OFF sub-folders for an edited scan; the water gain taken from the basis's
 * water spectrum, the measured or given intrinsic width, basis.points and basis.spectrometer_mhz, ambiguous names,
 * and the condition the water reference is taken from.
 */
class SynthBasisFilesTest {
    private static final double MHZ = SynthFixtures.MHZ;
    private static final double DT = SynthFixtures.DWELL;
    private static final int N = SynthFixtures.N;

    @TempDir
    static Path shared;
    private static Path nifti;

    /** A damped singlet: {@code amp}·exp(i2π(4.65 − ppm)·f0·t)·exp(−π·lw·t). */
    private static Fid singlet(double ppm, double amp, double lw) {
        return new LineList(new double[] {(SynthFixtures.REF - ppm) * MHZ}, new double[] {amp}, new double[1])
                .toFid(N, DT, lw, 0);
    }

    private static void fsl(Path dir, String name, Fid f) throws IOException {
        Files.createDirectories(dir);
        StringBuilder re = new StringBuilder();
        StringBuilder im = new StringBuilder();
        for (int k = 0; k < f.points(); k++) {
            re.append(k == 0 ? "" : ",").append(f.re()[k]);
            im.append(k == 0 ? "" : ",").append(f.im()[k]);
        }
        Files.writeString(dir.resolve(name + ".json"), "{\"basis\": {\"basis_re\": [" + re + "], \"basis_im\": ["
                + im + "], \"basis_dwell\": " + DT + ", \"basis_centre\": " + MHZ + ", \"basis_name\": \"" + name
                + "\"}, \"meta\": {\"TE\": 30}}");
    }

    private static Path fslBasis() throws IOException {
        Path dir = shared.resolve("fsl");
        if (!Files.isDirectory(dir)) {
            fsl(dir, "NAA", singlet(2.008, 3, 4));
            fsl(dir, "Cr", singlet(3.027, 3, 1));
            fsl(dir, "Water", singlet(4.65, 1.5, 1));
        }
        return dir;
    }

    private static Scenario scenario(String basis, String body) {
        return ScenarioReader.parse("s.yaml", "basis: {" + basis + "}\n" + body, shared, List.of());
    }

    @BeforeAll
    static void niftiFolders() throws IOException {
        BasisSet set = BasisSimulator.simulate(SpinLibrary.load(Path.of("spin-systems")).select("NAA,Cr"),
                SequenceReader.read(Path.of("sequences/press-te30-3t.yaml")), null);
        BasisWriters.write(set, EnumSet.of(Format.NIFTI, Format.JMRUI), shared.resolve("press"));
        nifti = shared.resolve("press/nifti");
        for (String folder : new String[] {"edited/on", "edited/off", "withdiff/on", "withdiff/off",
                "withdiff/diff", "noOff/on", "noOff/edit", "lacking/on", "lacking/off"}) {
            Files.createDirectories(shared.resolve(folder));
            for (String m : new String[] {"NAA", "Cr"}) {
                if (!(folder.equals("lacking/off") && m.equals("Cr"))) {
                    Files.copy(nifti.resolve(m + ".nii.gz"), shared.resolve(folder).resolve(m + ".nii.gz"));
                }
            }
        }
    }

    @Test
    void theWaterGainIsTheWaterSpectrumsAmplitudePerProtonAndTheWidthIsTheReferences() throws IOException {
        Path p = fslBasis();
        SynthBasis b = SynthBasis.load(scenario("fsl: " + p, "concentrations_mm: {Cr: 8, NAA: 10}\n"
                + "lineshape: {reference: NAA}\n"), null);
        assertEquals(List.of("Cr", "NAA"), b.basisNames());
        assertEquals(0.75, b.waterGain(), 1e-15, "|FID(0)| = 1.5 over 2 protons, from the spectrum named Water");
        assertEquals(N, b.points(), "the basis's own length when basis.points is not given");
        assertEquals(0.03, b.echoTimeS(), 1e-15);
        assertEquals("1H", b.nucleus());
        assertEquals(4, b.intrinsicLorentzianHz(), 0.1, "NAA's 4 Hz, not Cr's 1 Hz");
        assertEquals(1, b.indexOf("naa"));
        assertEquals(0, b.indexOf("CR"));
        assertEquals(-1, b.indexOf("Cho"));
        SynthBasis given = SynthBasis.load(scenario("fsl: " + p + ", linewidth_hz: 2.5",
                "concentrations_mm: {Cr: 8, NAA: 10}\n"), null);
        assertEquals(2.5, given.intrinsicLorentzianHz(), 0, "basis.linewidth_hz is taken as given");
        SynthBasis noRef = SynthBasis.load(scenario("fsl: " + p, "concentrations_mm: {Cr: 8}\n"
                + "lineshape: {reference: NAA}\n"), null);
        assertEquals(0, noRef.intrinsicLorentzianHz(), 0, "no reference metabolite: no measured width");
    }

    @Test
    void basisPointsTruncatesUpToTheBasisLengthAndNoFurther() throws IOException {
        Path p = fslBasis();
        assertEquals(1024, SynthBasis.load(scenario("fsl: " + p + ", points: 1024", "concentrations_mm: {NAA: 10}\n"),
                null).points());
        assertEquals(N, SynthBasis.load(scenario("fsl: " + p + ", points: " + N, "concentrations_mm: {NAA: 10}\n"),
                null).points());
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("fsl: " + p
                + ", points: 4096", "concentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e.getMessage().contains("basis.points") && e.getMessage().contains("the basis has 2048 points;"
                + " cannot use 4096"), e.getMessage());
    }

    @Test
    void aGivenSpectrometerFrequencyMustAgreeWithTheFilesToOnePartInAMillion() throws IOException {
        Path p = fslBasis();
        SynthBasis close = SynthBasis.load(scenario("fsl: " + p + ", spectrometer_mhz: 123.20001",
                "concentrations_mm: {NAA: 10}\n"), null);
        assertEquals(MHZ, close.hzPerPpm(), 0, "the file's frequency is used");
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("fsl: " + p
                + ", spectrometer_mhz: 123.3", "concentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e.getMessage().contains("basis.spectrometer_mhz 123.3 contradicts the 123.2 MHz recorded in " + p),
                e.getMessage());
    }

    @Test
    void twoBasisSpectraOfOneMetaboliteAreAmbiguousUnlessTheNameIsExact() throws IOException {
        Path dir = shared.resolve("twoIns");
        fsl(dir, "Ins", singlet(3.5, 1, 2));
        fsl(dir, "mI", singlet(3.6, 1, 2));
        fsl(dir, "NAA", singlet(2.008, 3, 2));
        Path lib = Path.of("spin-systems");
        SynthBasis b = SynthBasis.load(scenario("fsl: " + dir, "concentrations_mm: {NAA: 10, mI: 5}\n"), lib);
        assertEquals(List.of("NAA", "mI"), b.basisNames());
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("fsl: " + dir,
                "concentrations_mm: {NAA: 10, myo-inositol: 5}\n"), lib));
        assertTrue(e.getMessage().contains("s.yaml:2") && e.getMessage().contains("metabolite \"myo-inositol\" is"
                + " ambiguous in " + dir + ": it matches [Ins, mI]; write one of these names"), e.getMessage());
    }

    @Test
    void anEditedFileBasisAcquiresOnAndOffAndMakesDiffFromThem() {
        for (String folder : new String[] {"edited", "withdiff"}) {
            SynthBasis b = SynthBasis.load(scenario("nifti: " + shared.resolve(folder), "editing: {}\n"
                    + "concentrations_mm: {NAA: 10, Cr: 8}\n"), null);
            assertEquals(List.of("ON", "OFF"), b.conditions(), folder);
            assertEquals(1, b.combinations().size(), folder);
            assertEquals("DIFF", b.combinations().get(0).name());
            assertEquals(Map.of("ON", 1.0, "OFF", -1.0), b.combinations().get(0).weights());
            assertEquals(List.of("NAA", "Cr"), b.basisNames());
            assertEquals(2, b.conditionFids().get(1).size());
        }
        SynthBasis off = SynthBasis.load(scenario("nifti: " + shared.resolve("withdiff"),
                "editing: {conditions: [off, diff]}\nconcentrations_mm: {NAA: 10, Cr: 8}\n"), null);
        assertEquals(List.of("OFF", "DIFF"), off.conditions());
        assertEquals(List.of(), off.combinations(), "DIFF needs ON, which is not acquired");
    }

    @Test
    void anEditedFileBasisWithoutOnAndOffMustListItsConditionsAndEachMustHoldEveryMetabolite() {
        Path noOff = shared.resolve("noOff");
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("nifti: " + noOff,
                "editing: {}\nconcentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e.getMessage().contains("editing.conditions") && e.getMessage().contains(noOff + " holds [EDIT,"
                + " ON]: list the acquired conditions with editing.conditions"), e.getMessage());
        SynthBasis listed = SynthBasis.load(scenario("nifti: " + noOff, "editing: {conditions: [on, edit]}\n"
                + "concentrations_mm: {NAA: 10}\n"), null);
        assertEquals(List.of("ON", "EDIT"), listed.conditions());
        assertEquals(List.of(), listed.combinations());
        Path lacking = shared.resolve("lacking");
        InputException e2 = assertThrows(InputException.class, () -> SynthBasis.load(scenario("nifti: " + lacking,
                "editing: {}\nconcentrations_mm: {NAA: 10, Cr: 8}\n"), null));
        assertTrue(e2.getMessage().contains("basis.nifti") && e2.getMessage().contains(lacking
                + ": condition OFF has no \"Cr\""), e2.getMessage());
    }

    @Test
    void aSingleNiftiFileIsABasisOfOneMetabolite() {
        SynthBasis b = SynthBasis.load(scenario("nifti: " + nifti.resolve("NAA.nii.gz"),
                "concentrations_mm: {NAA: 10}\n"), null);
        assertEquals(List.of("main"), b.conditions());
        assertEquals(List.of("NAA"), b.basisNames());
        assertEquals(1.0, b.intrinsicLorentzianHz(), 0.1, "the sequence's 1 Hz, measured on NAA");
    }

    @Test
    void theWaterConditionIsTheNamedOneElseOffElseTheFirst() {
        Scenario plain = SynthFixtures.scenario("concentrations_mm: {NAA: 10}\n");
        Scenario named = SynthFixtures.scenario("editing: {snr_condition: on}\nconcentrations_mm: {NAA: 10}\n");
        assertEquals(1, SynthBasis.waterCondition(List.of("ON", "OFF"), plain));
        assertEquals(0, SynthBasis.waterCondition(List.of("A", "B"), plain));
        assertEquals(0, SynthBasis.waterCondition(List.of("ON", "OFF"), named));
        assertEquals(2, SynthBasis.waterCondition(List.of("A", "B", "ON"), named));
        assertEquals(1, SynthBasis.waterCondition(List.of("A", "off"), named));
    }

    @Test
    void aSimulatedSteamBasisCarriesHalfAWaterSingletsSignal() {
        String seq = "sequence: " + Path.of("sequences/steam-te20-7t.yaml").toAbsolutePath() + ", points: 512";
        SynthBasis withRef = SynthBasis.load(scenario(seq, "concentrations_mm: {NAA: 10}\n"
                + "water_reference: {concentration_mm: 40000}\n"), Path.of("spin-systems"));
        SynthBasis listed = SynthBasis.load(scenario(seq, "concentrations_mm: {NAA: 10, H2O: 100}\n"),
                Path.of("spin-systems"));
        SynthBasis none = SynthBasis.load(scenario(seq, "concentrations_mm: {NAA: 10}\n"), Path.of("spin-systems"));
        assertEquals(0.5, withRef.waterGain(), 0.05, String.format(Locale.ROOT, "STEAM keeps half: %.4f",
                withRef.waterGain()));
        assertEquals(withRef.waterGain(), listed.waterGain(), 1e-12, "the same from a listed H2O");
        assertEquals(List.of("NAA"), withRef.basisNames(), "the water spectrum is not a metabolite");
        assertEquals(1, none.waterGain(), 0, "no water spectrum: 1");
    }

    @Test
    void theScenariosCombinationsAreMatchedToTheAcquiredConditionsByAnyCase() {
        Path edited = shared.resolve("edited");
        SynthBasis b = SynthBasis.load(scenario("nifti: " + edited, "editing: {conditions: [on, off], combinations:"
                + " {SUM: {on: 1, Off: 1}, HALF: {OFF: 0.5}}}\nconcentrations_mm: {NAA: 10}\n"), null);
        assertEquals(List.of("ON", "OFF"), b.conditions());
        assertEquals(List.of("SUM", "HALF"), b.combinations().stream().map(c -> c.name()).toList());
        assertEquals(Map.of("ON", 1.0, "OFF", 1.0), b.combinations().get(0).weights());
        assertEquals(Map.of("OFF", 0.5), b.combinations().get(1).weights());
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("nifti: " + edited,
                "editing: {conditions: [on, off], combinations: {D: {on: 1, diff: -1}}}\n"
                        + "concentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e.getMessage().contains("editing.combinations.D") && e.getMessage().contains("condition \"diff\""
                + " is not acquired; the conditions are [ON, OFF]"), e.getMessage());
        InputException e2 = assertThrows(InputException.class, () -> SynthBasis.load(scenario("nifti: " + edited,
                "editing: {conditions: [on, edit]}\nconcentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e2.getMessage().contains("editing.conditions") && e2.getMessage().contains("the basis has no"
                + " condition \"edit\"; it has [OFF, ON]"), e2.getMessage());
    }

    @Test
    void aFileWithoutTheSpectrometerFrequencyNeedsItInTheScenario() throws IOException {
        Path txt;
        try (var files = Files.list(shared.resolve("press/jmrui"))) {
            txt = files.filter(f -> f.toString().endsWith(".txt")).findFirst().orElseThrow();
        }
        Path stripped = shared.resolve("nomhz.txt");
        List<String> lines = Files.readAllLines(txt);
        Files.write(stripped, lines.stream().filter(l -> !l.startsWith("TransmitterFrequency")).toList());
        assertTrue(lines.size() > Files.readAllLines(stripped).size(), "the frequency line removed");
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(scenario("jmrui: " + stripped,
                "concentrations_mm: {NAA: 10}\n"), null));
        assertTrue(e.getMessage().contains("basis.spectrometer_mhz") && e.getMessage().contains(stripped
                + " does not record the spectrometer frequency: give basis.spectrometer_mhz"), e.getMessage());
        SynthBasis b = SynthBasis.load(scenario("jmrui: " + stripped + ", spectrometer_mhz: 127.7",
                "concentrations_mm: {NAA: 10}\n"), null);
        assertEquals(127.7, b.hzPerPpm(), 0);
    }

    @Test
    void aSimulatedEditedBasisAcquiresTheSequencesConditions() {
        SynthBasis b = SynthBasis.load(scenario("sequence: " + Path.of("sequences/mega-press-te68-3t.yaml")
                .toAbsolutePath() + ", points: 512", "editing: {}\nconcentrations_mm: {NAA: 10}\n"),
                Path.of("spin-systems"));
        assertEquals(2, b.conditions().size(), b.conditions().toString());
        assertTrue(b.conditions().stream().anyMatch(c -> c.equalsIgnoreCase("OFF")), b.conditions().toString());
        assertEquals(1, b.combinations().size());
        assertEquals(List.of(1, 1), b.conditionFids().stream().map(List::size).toList());
    }
}
