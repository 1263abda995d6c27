package org.larmor.io;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;
import org.larmor.spin.SubSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LCModel .BASIS and .RAW against the layout LCModel's MYBASI reads (formats.md §1). */
class LcmodelFilesTest {

    /** The numbers after the first "$BASIS " group, read with nothing but String.split: N complex values. */
    static double[][] firstSpectrumAsLcmodelSeesIt(String text, int n) {
        String[] lines = text.split("\n");
        int k = 0;
        while (!lines[k].trim().startsWith("$BASIS") || lines[k].trim().startsWith("$BASIS1")) {
            k++;
        }
        while (!lines[k].contains("$END")) {
            k++;
        }
        double[][] out = new double[2][n];
        for (int p = 0; p < n; p++) {
            String[] cols = lines[k + 1 + p].trim().split("\\s+");
            assertEquals(2, cols.length, "(2E16.6): one complex value per line");
            assertEquals(32, lines[k + 1 + p].length(), "two fields of exactly 16 characters");
            out[0][p] = Double.parseDouble(cols[0]);
            out[1][p] = Double.parseDouble(cols[1]);
        }
        return out;
    }

    @Test
    void basisRoundTripGivesBackTheFidToE16Precision() {
        BasisSet set = IoFixtures.singlet();
        String text = LcmodelBasisWriter.write(set, "main");
        ReadBasis back = LcmodelBasisReader.parse("pa-3t.BASIS", text);
        Fid original = set.spectra().get(0).fid("main");
        assertTrue(IoFixtures.relativeError(original, back.fid("NAA")) < 1e-5);
        assertEquals(set.spectrometerMHz(), back.spectrometerMHz(), 1e-9);
        assertEquals(set.dwellS(), back.dwellS(), 1e-15);
        assertEquals(0.0, back.echoTimeS(), "pulse-acquire: TE 0");
    }

    @Test
    void a2ppmSingletSitsAtPositiveFrequencyInTheUnshiftedBasisSpectrum() {
        BasisSet set = IoFixtures.singlet();
        int n = set.points();
        double[][] spec = firstSpectrumAsLcmodelSeesIt(LcmodelBasisWriter.write(set, "main"), n);
        int peak = 0;
        for (int k = 0; k < n; k++) {
            if (Math.hypot(spec[0][k], spec[1][k]) > Math.hypot(spec[0][peak], spec[1][peak])) {
                peak = k;
            }
        }
        long expected = Math.round((4.65 - IoFixtures.NAA_PPM) * IoFixtures.F0_MHZ / (IoFixtures.SW / n));
        assertTrue(expected > 0 && expected < n / 2, "lower ppm than the receiver: positive frequency, first half");
        assertTrue(Math.abs(peak - expected) <= 1, "peak at index " + peak + ", expected " + expected);
    }

    @Test
    void basisDataAreTheUnitaryFftSoEnergyIsPreserved() {
        BasisSet set = IoFixtures.singlet();
        Fid fid = set.spectra().get(0).fid("main");
        double[][] spec = firstSpectrumAsLcmodelSeesIt(LcmodelBasisWriter.write(set, "main"), set.points());
        double timeEnergy = 0;
        double freqEnergy = 0;
        double sumRe = 0;
        for (int k = 0; k < set.points(); k++) {
            timeEnergy += fid.re()[k] * fid.re()[k] + fid.im()[k] * fid.im()[k];
            freqEnergy += spec[0][k] * spec[0][k] + spec[1][k] * spec[1][k];
            sumRe += fid.re()[k];
        }
        assertEquals(timeEnergy, freqEnergy, 1e-5 * timeEnergy, "fft/√N is unitary (Parseval)");
        assertEquals(sumRe / Math.sqrt(set.points()), spec[0][0], 1e-5 * Math.abs(spec[0][0]),
                "point 1 is 0 Hz: Σ fid / √N");
    }

    @Test
    void basisHeaderCarriesLcmodelUnitsAndProvenanceBeforeTheFirstGroup() {
        BasisSet set = IoFixtures.singlet();
        String text = LcmodelBasisWriter.write(set, "main");
        String free = text.substring(0, text.indexOf('$'));
        assertTrue(free.contains("Larmor " + set.provenance().larmorVersion()));
        IoFixtures.assertSha256(set.sequence().sourceHash(), "sequence file hash");
        IoFixtures.assertSha256(set.spectra().get(0).system().contentHash(), "spin-system content hash");
        assertTrue(free.contains("sha256 " + set.sequence().sourceHash()), "sequence file hash");
        assertTrue(free.contains(set.spectra().get(0).system().contentHash()), "spin-system content hash");
        assertFalse(free.contains("&"));

        NamelistReader r = new NamelistReader("t", text);
        Namelist seqpar = r.require("SEQPAR");
        double voigt = set.sequence().acquisition().voigtFwhmHz();
        assertEquals(voigt / set.spectrometerMHz(), seqpar.number("FWHMBA"), 1e-12, "FWHMBA in ppm");
        assertEquals(set.spectrometerMHz(), seqpar.number("HZPPPM"), 1e-12);
        assertEquals(0.0, seqpar.number("ECHOT"));
        assertEquals("FID", seqpar.string("SEQ"));
        Namelist basis1 = r.require("BASIS1");
        assertEquals("(2E16.6)", basis1.string("FMTBAS"));
        assertEquals(set.dwellS(), basis1.number("BADELT"), 1e-18);
        assertEquals(set.points(), basis1.integer("NDATAB"));
        assertTrue(basis1.string("IDBASI").length() <= 20);
        Namelist basis = r.require("BASIS");
        assertEquals("NAA", basis.string("METABO"));
        assertEquals(1.0, basis.number("CONC"));
        assertEquals(1.0, basis.number("TRAMP"));
        assertEquals(1.0, basis.number("VOLUME"));
        assertEquals(0, basis.integer("ISHIFT"));
    }

    @Test
    void rawRoundTripAndHeaderWithOnlyTheKeysLcmodelKnows() {
        BasisSet set = IoFixtures.twoMetabolites();
        String text = LcmodelRawWriter.write(set, set.spectra().get(1), "main");
        NamelistReader r = new NamelistReader("t", text);
        Namelist seqpar = r.require("SEQPAR");
        assertEquals(List.of("HZPPPM", "ECHOT", "SEQ"), List.copyOf(seqpar.values().keySet()),
                "an unknown $SEQPAR key makes LCModel ignore the rest");
        Namelist nmid = r.require("NMID");
        assertEquals("(2E16.6)", nmid.string("FMTDAT"));
        assertEquals("Lac", nmid.string("ID"));

        ReadBasis back = LcmodelRawReader.parse("Lac.RAW", "Lac", text, set.dwellS());
        Fid original = set.spectra().get(1).fid("main");
        assertEquals(original.points(), back.fid("Lac").points());
        assertTrue(IoFixtures.relativeError(original, back.fid("Lac")) < 1e-5, "E16.6 precision");
        assertEquals(original.re()[0], 4.0, 1e-9, "pulse-acquire amplitude = number of protons");
    }

    @Test
    void readsAThirdPartyLayout6E135WithNmusedAndNullValues() {
        int n = 64;
        double dwell = 5e-4;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double ph = -2 * Math.PI * 100 * k * dwell;
            double d = Math.exp(-Math.PI * 5 * k * dwell);
            re[k] = 2 * d * Math.cos(ph);
            im[k] = 2 * d * Math.sin(ph);
        }
        double[][] fd = Fourier.forward(re, im);
        StringBuilder sb = new StringBuilder(" $SEQPAR\n FWHMBA =  0.1 ,\n HZPPPM =  127.7861,\n ECHOT =  ,\n"
                + " SEQ = 'PRESS' $END\n $BASIS1\n IDBASI = 'SPANT',\n FMTBAS = '(6E13.5)',\n BADELT =  5e-04,\n"
                + " NDATAB = " + n + " $END\n $NMUSED\n FILERAW = 'Ala',\n PPMAPP =  0.5 -0.5,\n AUTOPH = F $END\n"
                + " $BASIS\n ID = 'Ala',\n METABO = 'Ala',\n CONC = 2.0,\n TRAMP = 1.0,\n VOLUME = 1.0,\n"
                + " ISHIFT = 0 $END\n");
        for (int k = 0; k < n; k++) {
            sb.append(String.format(Locale.ROOT, "%13.5E%13.5E", fd[0][k] / Math.sqrt(n), fd[1][k] / Math.sqrt(n)));
            sb.append(k % 3 == 2 || k == n - 1 ? "\n" : "");
        }
        ReadBasis b = LcmodelBasisReader.parse("3t.basis", sb.toString());
        assertTrue(Double.isNaN(b.echoTimeS()), "ECHOT = , is a null value");
        Fid fid = b.fid("Ala");
        for (int k = 0; k < n; k++) {
            assertEquals(re[k] / 2, fid.re()[k], 1e-4, "scaled by TRAMP/(VOLUME·CONC)");
            assertEquals(im[k] / 2, fid.im()[k], 1e-4);
        }
    }

    @Test
    void truncatedBasisNamesTheFileLineAndCount() {
        String text = LcmodelBasisWriter.write(IoFixtures.singlet(), "main");
        String cut = text.substring(0, text.length() / 2);
        InputException e = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("cut.BASIS", cut));
        assertTrue(e.getMessage().startsWith("cut.BASIS:"), e.getMessage());
        assertTrue(e.location().line() > 10);
        assertTrue(e.getMessage().contains("of the 4096 numbers expected"), e.getMessage());
        assertTrue(e.getMessage().contains("NAA"), e.getMessage());
    }

    @Test
    void malformedBasisFilesSayWhatWasExpected() {
        InputException none = assertThrows(InputException.class,
                () -> LcmodelBasisReader.parse("a.BASIS", "just text\n"));
        assertTrue(none.getMessage().contains("$BASIS1"), none.getMessage());
        InputException enc = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("b.BASIS",
                " $BASIS1 IDBASI='x', FMTBAS='(2E16.6)', BADELT=-2.5e-4, NDATAB=4 $END\n"));
        assertTrue(enc.getMessage().contains("encrypted"), enc.getMessage());
        assertEquals("$BASIS1.BADELT", enc.field());
        InputException bad = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("c.BASIS",
                " $BASIS1 IDBASI='x', FMTBAS='(2E16.6)', BADELT=2.5e-4, NDATAB=2 $END\n $BASIS METABO='A' $END\n"
                        + "  1.0 0.0\n  x 0.0\n"));
        assertEquals(4, bad.location().line());
        InputException raw = assertThrows(InputException.class,
                () -> LcmodelRawReader.parse("d.RAW", "d", " $SEQPAR HZPPPM=123.2 $END\n 1 2\n", 2.5e-4));
        assertTrue(raw.getMessage().contains("$NMID"), raw.getMessage());
        InputException odd = assertThrows(InputException.class,
                () -> LcmodelRawReader.parse("e.RAW", "e", " $NMID ID='e' $END\n 1 2\n 3\n", 2.5e-4));
        assertTrue(odd.getMessage().contains("3 numbers"), odd.getMessage());
    }

    @Test
    void metaboNamesLongerThanSixCharactersAreRefusedWithTheSpinSystemFile() {
        SpinSystem gaba = new SpinSystem("GABA_gov", "GABA", List.of(), null, "test",
                List.of(new SubSystem("a", 1, List.of(Spin.protons("H", 3.0, 2)), List.of())),
                "spin-systems/gaba_gov.yaml");
        BasisSet set = BasisSimulator.simulate(List.of(gaba), IoFixtures.pulseAcquire(), null);
        InputException e = assertThrows(InputException.class, () -> LcmodelBasisWriter.write(set, "main"));
        assertTrue(e.getMessage().startsWith("spin-systems/gaba_gov.yaml"), e.getMessage());
        assertEquals("lcmodel_name", e.field());
        SpinSystem named = new SpinSystem("GABA_gov", "GABA", List.of(), "GABAgv", "test", gaba.subsystems(),
                gaba.origin());
        String text = LcmodelBasisWriter.write(BasisSimulator.simulate(List.of(named), IoFixtures.pulseAcquire(),
                null), "main");
        assertEquals("GABAgv", new NamelistReader("t", text).require("BASIS").string("METABO"));
    }

    @Test
    void aLargeBasisSetWritesWellUnderOneSecond() {
        Sequence seq = SequenceReader.parse("big.yaml", "template: pulse_acquire\nb0_t: 2.89\n"
                + "acquisition: {points: 4096, spectral_width_hz: 4000, lorentzian_fwhm_hz: 2}\n");
        List<SpinSystem> systems = new ArrayList<>();
        for (int k = 0; k < 35; k++) {
            systems.add(SpinSystem.of(String.format(Locale.ROOT, "M%02d", k),
                    List.of(Spin.protons("H", 0.5 + 0.1 * k, 1 + k % 3)), List.of()));
        }
        BasisSet set = BasisSimulator.simulate(systems, seq, null);
        LcmodelBasisWriter.write(set, "main");
        long t0 = System.nanoTime();
        String text = LcmodelBasisWriter.write(set, "main");
        double ms = (System.nanoTime() - t0) * 1e-6;
        assertTrue(ms < 1000, "35 × 4096 points written in " + ms + " ms");
        assertEquals(35, LcmodelBasisReader.parse("big.BASIS", text).fids().size());
    }
}
