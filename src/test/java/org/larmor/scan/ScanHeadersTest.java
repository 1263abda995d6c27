package org.larmor.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every header reader, field by field, on files built from the formats' descriptions. */
class ScanHeadersTest {
    @TempDir
    Path tmp;

    @Test
    void niftiMrsHeaderGivesEveryKeyInSiUnits() throws Exception {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("EchoTime", 0.068);
        j.put("RepetitionTime", 2.0);
        j.put("MixingTime", 0.01);
        j.put("SequenceName", "svs_edit");
        j.put("ProtocolName", "MEGA_GABA");
        j.put("Manufacturer", "SIEMENS");
        j.put("EditPulse", Map.of("ON", Map.of("PulseOffset", 1.9, "PulseDuration", 0.014),
                "OFF", Map.of("PulseOffset", 7.5, "PulseDuration", 0.014)));
        for (String name : List.of("scan.nii.gz", "scan.nii")) {
            ScanHeader h = ScanHeaders.read(ScanFixtures.nifti(tmp.resolve(name), 2048, 2.5e-4, 123.255547, j));
            assertEquals("NIfTI-MRS", h.format());
            assertEquals(0.068, h.number(HeaderField.TE_S), 0);
            assertEquals(2.0, h.number(HeaderField.TR_S), 0);
            assertEquals(0.01, h.number(HeaderField.TM_S), 0);
            assertEquals(123.255547e6, h.number(HeaderField.SPECTROMETER_HZ), 1e-3);
            assertEquals("1H", h.text(HeaderField.NUCLEUS));
            assertEquals(2.5e-4, h.number(HeaderField.DWELL_S), 1e-18);
            assertEquals(2048, h.number(HeaderField.POINTS));
            assertEquals("svs_edit", h.text(HeaderField.SEQUENCE_NAME));
            assertEquals("MEGA_GABA", h.text(HeaderField.PROTOCOL_NAME));
            assertEquals("SIEMENS", h.text(HeaderField.MANUFACTURER));
            Map<?, ?> edit = (Map<?, ?>) h.values().get(HeaderField.EDIT_PULSES).value();
            assertEquals(List.of(1.9), edit.get("ON"));
            assertEquals(List.of(7.5), edit.get("OFF"));
            assertEquals(0.014, h.number(HeaderField.EDIT_DURATION_S), 0);
            assertFalse(h.has(HeaderField.EDIT_CONDITIONS), "a single spectrum has no DIM_EDIT");
            assertEquals("read from " + name + " (EchoTime = 0.068 s)", h.source(HeaderField.TE_S));
        }
    }

    @Test
    void niftiMrsEchoTimeInMillisecondsIsRefusedWithTheHint() throws Exception {
        Path f = ScanFixtures.nifti(tmp.resolve("ms.nii.gz"), 512, 5e-4, 123.2, Map.of("EchoTime", 30));
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(f));
        assertTrue(e.getMessage().contains("EchoTime is 30: expected a time in seconds") && e.getMessage()
                .contains("in ms?"), e.getMessage());
    }

    @Test
    void niftiMrsWithoutEchoTimeStatesNone() throws Exception {
        ScanHeader h = ScanHeaders.read(ScanFixtures.nifti(tmp.resolve("noTE.nii.gz"), 512, 5e-4, 123.2,
                Map.of("SequenceName", "PRESS")));
        assertFalse(h.has(HeaderField.TE_S));
        assertFalse(h.has(HeaderField.MANUFACTURER), "a NIfTI-MRS header names its manufacturer or none");
    }

    @Test
    void siemensRdaTextHeader() throws Exception {
        Path f = ScanFixtures.rda(tmp.resolve("meas.rda"), "PatientName: x", "SequenceName: svs_st",
                "SequenceDescription: svs_st_20", "ProtocolName: STEAM_20", "TE: 20.000000", "TR: 3000.000000",
                "TM: 10.000000", "MRFrequency: 123.255547", "MagneticFieldStrength: 2.893620",
                "DwellTime: 500.000000", "VectorSize: 1024", "Nucleus: 1H");
        ScanHeader h = ScanHeaders.read(f);
        assertEquals("Siemens RDA", h.format());
        assertEquals(0.020, h.number(HeaderField.TE_S), 1e-15);
        assertEquals(3.0, h.number(HeaderField.TR_S), 1e-12);
        assertEquals(0.010, h.number(HeaderField.TM_S), 1e-15);
        assertEquals(123.255547e6, h.number(HeaderField.SPECTROMETER_HZ), 1e-3);
        assertEquals(2.89362, h.number(HeaderField.B0_T), 1e-12);
        assertEquals(5e-4, h.number(HeaderField.DWELL_S), 1e-15);
        assertEquals(1024, h.number(HeaderField.POINTS));
        assertEquals("1H", h.text(HeaderField.NUCLEUS));
        assertEquals("svs_st", h.text(HeaderField.SEQUENCE_NAME));
        assertEquals("STEAM_20", h.text(HeaderField.PROTOCOL_NAME));
        assertEquals("Siemens", h.text(HeaderField.MANUFACTURER));
        assertEquals("read from meas.rda (TE = 20.000000 ms)", h.source(HeaderField.TE_S));
    }

    @Test
    void rdaWithABadNumberNamesTheKeyAndLine() throws Exception {
        Path f = ScanFixtures.rda(tmp.resolve("bad.rda"), "SequenceName: svs_se", "TE: thirty");
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3:") && e.getMessage().contains("field 'TE': expected a number"),
                e.getMessage());
    }

    @Test
    void philipsSparAndTheSparBesideAnSdat() throws Exception {
        Path f = ScanFixtures.spar(tmp.resolve("sv_press.SPAR"), "examination_name : brain", "scan_id : PRESS_TE35",
                "synthesizer_frequency : 127768338", "sample_frequency : 2000", "samples : 1024", "echo_time : 35",
                "repetition_time : 2000", "nucleus : 1H");
        Files.write(tmp.resolve("sv_press.SDAT"), new byte[64]);
        for (Path p : List.of(f, tmp.resolve("sv_press.SDAT"))) {
            ScanHeader h = ScanHeaders.read(p);
            assertEquals("Philips SPAR", h.format());
            assertEquals(0.035, h.number(HeaderField.TE_S), 1e-15);
            assertEquals(2.0, h.number(HeaderField.TR_S), 1e-12);
            assertEquals(127768338, h.number(HeaderField.SPECTROMETER_HZ), 0);
            assertEquals(1 / 2000.0, h.number(HeaderField.DWELL_S), 1e-18);
            assertEquals(1024, h.number(HeaderField.POINTS));
            assertEquals("1H", h.text(HeaderField.NUCLEUS));
            assertEquals("PRESS_TE35", h.text(HeaderField.SEQUENCE_NAME));
            assertEquals("brain", h.text(HeaderField.PROTOCOL_NAME));
            assertEquals("Philips", h.text(HeaderField.MANUFACTURER));
        }
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(Files.write(
                tmp.resolve("alone.SDAT"), new byte[8])));
        assertTrue(e.getMessage().contains("alone.SPAR beside it"), e.getMessage());
    }

    @Test
    void siemensTwixVdReadsTheLastMeasurementsProtocol() throws Exception {
        String adjust = ScanFixtures.twixProtocol("Siemens", "alTE[0] = 2000", "tSequenceFileName = \"\"%SiemensSeq%\\AdjFre\"\"");
        String scan = ScanFixtures.twixProtocol("Siemens Healthineers", "tSequenceFileName = \"\"%CustomerSeq%\\svs_slaser_dkd\"\"",
                "tProtocolName = \"\"sLASER_30\"\"", "alTR[0] = 2000000", "alTE[0] = 30000  # TE",
                "sTXSPEC.asNucleusInfo[0].tNucleus = \"\"1H\"\"", "sTXSPEC.asNucleusInfo[0].lFrequency = 123255547",
                "sRXSPEC.alDwellTime[0] = 250000", "sSpecPara.lVectorSize = 2048",
                "sProtConsistencyInfo.flNominalB0 = 2.89362");
        ScanHeader h = ScanHeaders.read(ScanFixtures.twixVd(tmp.resolve("meas_MID1_sLASER.dat"), adjust, scan));
        assertTrue(h.format().startsWith("Siemens twix (VD/VE"), h.format());
        assertEquals(0.030, h.number(HeaderField.TE_S), 1e-15, "the imaging scan's TE, not the adjustment's");
        assertEquals(2.0, h.number(HeaderField.TR_S), 1e-12);
        assertEquals(123255547, h.number(HeaderField.SPECTROMETER_HZ), 0);
        assertEquals(2.5e-4, h.number(HeaderField.DWELL_S), 1e-18);
        assertEquals(2048, h.number(HeaderField.POINTS));
        assertEquals(2.89362, h.number(HeaderField.B0_T), 1e-12);
        assertEquals("1H", h.text(HeaderField.NUCLEUS));
        assertEquals("svs_slaser_dkd", h.text(HeaderField.SEQUENCE_NAME));
        assertEquals("sLASER_30", h.text(HeaderField.PROTOCOL_NAME));
        assertEquals("Siemens Healthineers", h.text(HeaderField.MANUFACTURER));
        assertEquals("read from meas_MID1_sLASER.dat (alTE[0] = 30000 µs)", h.source(HeaderField.TE_S));
    }

    @Test
    void siemensTwixVbAndAFileWithoutProtocol() throws Exception {
        ScanHeader h = ScanHeaders.read(ScanFixtures.twixVb(tmp.resolve("vb.dat"), ScanFixtures.twixProtocol(null,
                "alTE[0] = 135000", "tSequenceFileName = \"\"%SiemensSeq%\\svs_se\"\"")));
        assertEquals("Siemens twix (VB)", h.format());
        assertEquals(0.135, h.number(HeaderField.TE_S), 1e-15);
        assertEquals("svs_se", h.text(HeaderField.SEQUENCE_NAME));
        assertEquals("Siemens", h.text(HeaderField.MANUFACTURER), "twix is Siemens' format");
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(ScanFixtures.twixVb(
                tmp.resolve("none.dat"), "no protocol here")));
        assertTrue(e.getMessage().contains("no ASCII protocol"), e.getMessage());
    }

    @Test
    void gePfileRevision26AtItsPublishedOffsets() throws Exception {
        Path f = ScanFixtures.pfile26(tmp.resolve("P12345.7"), 1277546000, 5000f, 4096, 35000, 2000000, "PROBE-P");
        ScanHeader h = ScanHeaders.read(f);
        assertEquals("GE P-file (rdbm revision 26.002)", h.format());
        assertEquals(127754600.0, h.number(HeaderField.SPECTROMETER_HZ), 0);
        assertEquals(1 / 5000.0, h.number(HeaderField.DWELL_S), 1e-15);
        assertEquals(4096, h.number(HeaderField.POINTS));
        assertEquals(0.035, h.number(HeaderField.TE_S), 1e-15);
        assertEquals(2.0, h.number(HeaderField.TR_S), 1e-12);
        assertEquals("PROBE-P", h.text(HeaderField.SEQUENCE_NAME));
        assertTrue(h.source(HeaderField.SEQUENCE_NAME).contains("byte 6096"), h.source(HeaderField.SEQUENCE_NAME));
        assertEquals("GE", h.text(HeaderField.MANUFACTURER));
        assertFalse(h.has(HeaderField.NUCLEUS), "no published offset: the nucleus is not read");
    }

    @Test
    void gePfileOfAnUnknownRevisionIsRefusedByName() throws Exception {
        Path f = ScanFixtures.pfile26(tmp.resolve("P1.7"), 1277546000, 5000f, 4096, 35000, 2000000, null);
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0, 27.0f);
        Files.write(f, b);
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(f));
        assertTrue(e.getMessage().contains("revision 27.000 is not one Larmor reads") && e.getMessage()
                .contains("26.002") && e.getMessage().contains("spec2nii"), e.getMessage());
    }

    @Test
    void anUnknownFormatIsRefused() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.txt"), "hello");
        InputException e = assertThrows(InputException.class, () -> ScanHeaders.read(f));
        assertTrue(e.getMessage().contains("not a scan format Larmor reads"), e.getMessage());
        assertThrows(InputException.class, () -> ScanHeaders.read(tmp.resolve("missing.rda")));
    }
}
