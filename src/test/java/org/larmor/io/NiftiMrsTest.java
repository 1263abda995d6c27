package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NIfTI-MRS against the NIfTI-2 byte layout, the NIfTI-MRS rules, and nibabel where installed. */
class NiftiMrsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The check of formats.md §2, extended with the rules of the nifti_mrs validator. Arguments: file, f0 (MHz),
     * singlet ppm, expected number of conditions on dim 5 (0: none), NIfTI-1 copy to write (or "-").
     */
    static final String NIBABEL_CHECK = """
            import json, re, sys
            import nibabel as nib, numpy as np
            path, f0, ppm, nedit, copy = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
            img = nib.load(path); h = img.header
            assert isinstance(h, nib.nifti2.Nifti2Header) and h['sizeof_hdr'] == 540
            assert h.get_data_dtype() == np.complex64 and 4 <= img.ndim <= 7, (h.get_data_dtype(), img.ndim)
            assert re.fullmatch(rb'mrs_v\\d+_\\d+', np.asarray(h['intent_name']).item()), h['intent_name']
            dwell = float(h['pixdim'][4]); assert 0 < dwell <= 1
            assert h.get_xyzt_units() == ('mm', 'sec'), h.get_xyzt_units()
            assert int(h['qform_code']) == 0 and int(h['sform_code']) == 0
            ext = [e for e in h.extensions if e.get_code() == 44][0]
            meta = json.loads(ext.get_content().decode('utf-8'))
            sf = meta['SpectrometerFrequency']; rn = meta['ResonantNucleus']
            assert isinstance(sf, list) and all(isinstance(x, (int, float)) for x in sf)
            assert isinstance(rn, list) and all(isinstance(x, str) for x in rn) and rn == ['1H']
            assert abs(sf[0] - f0) < 1e-6, sf
            assert meta['SpectralWidth'] == 1 / dwell, (meta['SpectralWidth'], 1 / dwell)
            standard = {'SpectrometerFrequency', 'ResonantNucleus', 'SpectralWidth', 'EchoTime', 'RepetitionTime',
                'InversionTime', 'MixingTime', 'AcquisitionStartTime', 'ExcitationFlipAngle', 'TxOffset', 'RxOffset',
                'SpecFreqChemShift', 'VOI', 'WaterSuppressed', 'WaterSuppressionType', 'SequenceTriggered',
                'Manufacturer', 'ManufacturersModelName', 'DeviceSerialNumber', 'SoftwareVersions', 'InstitutionName',
                'InstitutionAddress', 'TxCoil', 'RxCoil', 'SequenceName', 'ProtocolName', 'PatientPosition',
                'PatientName', 'PatientID', 'PatientWeight', 'PatientDoB', 'PatientSex', 'ConversionMethod',
                'ConversionTime', 'OriginalFile', 'kSpace', 'EditCondition', 'EditPulse', 'ProcessingApplied'}
            numbers = {'SpectralWidth', 'EchoTime', 'MixingTime'}
            strings = {'SequenceName', 'ProtocolName', 'ConversionMethod'}
            for key, value in meta.items():
                m = re.fullmatch(r'dim_(\\d)(_info|_header)?', key)
                if m:
                    n = int(m.group(1))
                    assert 5 <= n <= img.ndim, key
                    if m.group(2) == '_header':
                        assert isinstance(value, dict)
                        for v in value.values():
                            assert isinstance(v, list) and len(v) == img.shape[n - 1], (key, v)
                elif key in standard:
                    if key in numbers: assert isinstance(value, (int, float)), key
                    if key in strings: assert isinstance(value, str), key
                    if key == 'EditPulse': assert isinstance(value, dict)
                else:
                    assert isinstance(value, dict) and 'Description' in value, key
            for n in range(5, img.ndim + 1):
                assert 'dim_%d' % n in meta, 'dim_%d tag missing' % n
            data = np.asarray(img.dataobj)
            if nedit:
                assert img.ndim == 5 and img.shape[4] == nedit, img.shape
                assert meta['dim_5'] == 'DIM_EDIT'
                assert len(meta['dim_5_header']['EditCondition']) == nedit
                assert set(meta['EditPulse']) == set(meta['dim_5_header']['EditCondition'])
                fid = data[0, 0, 0, :, 0]
            else:
                assert img.ndim == 4
                fid = data[0, 0, 0, :]
            spec = np.fft.fft(fid)
            k = int(np.argmax(np.abs(spec)))
            f = np.fft.fftfreq(fid.size, dwell)[k]
            assert abs(f - (4.65 - ppm) * f0) <= 1 / (fid.size * dwell), (f, (4.65 - ppm) * f0)
            assert f > 0
            if copy != '-':
                one = nib.Nifti1Image(data, np.eye(4))
                one.header['pixdim'][4] = dwell
                one.header.set_xyzt_units('mm', 'sec')
                one.header['intent_name'] = b'mrs_v0_9'
                one.header.extensions.append(nib.nifti1.Nifti1Extension(44, json.dumps(meta).encode('utf-8')))
                nib.save(one, copy)
            print('OK', fid[0])
            """;

    static boolean nibabelAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import nibabel").redirectErrorStream(true)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String runNibabel(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "/usr/bin/python3";
        cmd[1] = "-c";
        cmd[2] = NIBABEL_CHECK;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void headerFieldsSitAtTheirNifti2Offsets() throws IOException {
        BasisSet set = IoFixtures.singlet();
        byte[] nii = NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main"));
        ByteBuffer b = ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(540, b.getInt(0), "sizeof_hdr");
        assertArrayEquals(new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'}, Arrays.copyOfRange(nii, 4, 12));
        assertEquals(32, b.getShort(12), "datatype complex64");
        assertEquals(64, b.getShort(14), "bitpix");
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int k = 0; k < 8; k++) {
            dim[k] = b.getLong(16 + 8 * k);
            pixdim[k] = b.getDouble(104 + 8 * k);
        }
        assertArrayEquals(new long[] {4, 1, 1, 1, IoFixtures.POINTS, 1, 1, 1}, dim);
        assertEquals(10000, pixdim[1]);
        assertEquals(10000, pixdim[2]);
        assertEquals(10000, pixdim[3]);
        assertEquals(set.dwellS(), pixdim[4], "pixdim[4] = dwell in s");
        assertEquals(0, b.getInt(344), "qform_code");
        assertEquals(0, b.getInt(348), "sform_code");
        assertEquals(10, b.getInt(500), "xyzt_units = mm | s");
        assertEquals(0, b.getInt(504), "intent_code");
        assertEquals("mrs_v0_9", new String(nii, 508, 8, StandardCharsets.US_ASCII));
        assertEquals(0, nii[516]);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, Arrays.copyOfRange(nii, 540, 544), "extension flag");
        int esize = b.getInt(544);
        assertEquals(0, esize % 16, "esize multiple of 16");
        assertEquals(44, b.getInt(548), "ecode NIFTI_ECODE_MRS");
        long voxOffset = b.getLong(168);
        assertEquals(544 + esize, voxOffset);
        assertEquals(voxOffset + 8L * IoFixtures.POINTS, nii.length);
        String json = new String(nii, 552, esize - 8, StandardCharsets.UTF_8).replace("\0", "");
        JsonNode meta = JSON.readTree(json);
        assertEquals(IoFixtures.F0_MHZ, meta.get("SpectrometerFrequency").get(0).asDouble(), 1e-9);
        assertEquals("1H", meta.get("ResonantNucleus").get(0).asText());
        assertEquals(1 / set.dwellS(), meta.get("SpectralWidth").asDouble());
        assertEquals(0.0, meta.get("EchoTime").asDouble());
        assertEquals("FID", meta.get("SequenceName").asText());
        assertTrue(meta.get("ConversionMethod").asText().startsWith("Larmor "));
        assertTrue(meta.get("LarmorProvenance").has("Description"));
        IoFixtures.assertSha256(set.sequence().sourceHash(), "sequence file hash");
        assertEquals(set.sequence().sourceHash(),
                meta.get("LarmorProvenance").get("Value").get("sequence").get("file_sha256").asText());
        assertFalse(json.contains("ConversionTime"), "deterministic: no timestamps");
        Fid fid = set.spectra().get(0).fid("main");
        assertEquals((float) fid.re()[0], b.getFloat((int) voxOffset));
        assertEquals((float) fid.im()[1], b.getFloat((int) voxOffset + 12));
    }

    @Test
    void sameBasisGivesTheSameBytes() {
        BasisSet set = IoFixtures.singlet();
        byte[] a = NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main")));
        byte[] b = NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main")));
        assertArrayEquals(a, b);
    }

    @Test
    void megaStacksOnAndOffOnDimFiveTaggedEdit() throws IOException {
        BasisSet set = IoFixtures.mega();
        byte[] nii = NiftiMrsWriter.write(set, set.spectra().get(1), List.of("ON", "OFF"));
        ByteBuffer b = ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getLong(16));
        assertEquals(2, b.getLong(16 + 8 * 5));
        JsonNode meta = JSON.readTree(new String(nii, 552, b.getInt(544) - 8, StandardCharsets.UTF_8)
                .replace("\0", ""));
        assertEquals("DIM_EDIT", meta.get("dim_5").asText());
        assertEquals("[\"ON\",\"OFF\"]", meta.get("dim_5_header").get("EditCondition").toString());
        assertEquals(1.9, meta.get("EditPulse").get("ON").get("PulseOffset").asDouble());
        assertEquals(7.5, meta.get("EditPulse").get("OFF").get("PulseOffset").asDouble());
        assertEquals(0.068, meta.get("EchoTime").asDouble(), 1e-12);
        assertEquals("MEGA-PRESS", meta.get("SequenceName").asText());

        ReadBasis back = NiftiMrsReader.parse("Lac.nii", "x", nii);
        assertEquals(List.of("ON", "OFF"), back.conditionNames());
        assertTrue(IoFixtures.relativeError(set.spectra().get(1).fid("OFF"), back.fids("OFF").get("Lac")) < 1e-6,
                "name from LarmorMetabolite, complex64 precision");
    }

    @Test
    void gzippedFileAndFolderReadBack(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.megaEdited();
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir.resolve("out"));
        ReadBasis one = NiftiMrsReader.read(dir.resolve("out/nifti/NAA.nii.gz"));
        assertEquals(List.of("ON", "OFF"), one.conditionNames());
        ReadBasis all = NiftiMrsReader.readFolder(dir.resolve("out/nifti"));
        assertEquals(List.of("ON", "OFF", "DIFF"), all.conditionNames());
        assertEquals(List.of("GABA"), List.copyOf(all.fids("DIFF").keySet()), "cancelled NAA and Lac left out");
        for (String c : set.conditions()) {
            for (var s : set.included(c)) {
                assertTrue(IoFixtures.relativeError(s.fid(c), all.fids(c).get(s.name())) < 1e-6, c + " " + s.name());
            }
        }
        assertEquals(0.068, all.echoTimeS(), 1e-12);
    }

    @Test
    void readsAHandBuiltBigEndianNifti1() {
        int n = 8;
        byte[] json = "{\"SpectrometerFrequency\":[123.2],\"ResonantNucleus\":[\"1H\"]}".getBytes(
                StandardCharsets.UTF_8);
        int esize = (8 + json.length + 15) / 16 * 16;
        int vox = 352 + esize;
        ByteBuffer b = ByteBuffer.allocate(vox + 8 * n).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {4, 1, 1, 1, (short) n, 1, 1, 1};
        for (int k = 0; k < 8; k++) {
            b.putShort(40 + 2 * k, dim[k]);
            b.putFloat(76 + 4 * k, k == 4 ? 0.25f : 1f);
        }
        b.putShort(70, (short) 32);
        b.putShort(72, (short) 64);
        b.putFloat(108, vox);
        b.put(123, (byte) (2 | 16));
        b.put(344, new byte[] {'n', '+', '1', 0});
        b.put(348, new byte[] {1, 0, 0, 0});
        b.putInt(352, esize);
        b.putInt(356, 44);
        b.put(360, json);
        for (int k = 0; k < n; k++) {
            b.putFloat(vox + 8 * k, k);
            b.putFloat(vox + 8 * k + 4, -k);
        }
        ReadBasis r = NiftiMrsReader.parse("one.nii", "one", b.array());
        assertEquals(0.25e-3, r.dwellS(), 1e-12, "pixdim[4] in ms (xyzt_units 16)");
        assertEquals(123.2, r.spectrometerMHz());
        assertEquals(-5.0, r.fid("one").im()[5]);
    }

    @Test
    void malformedFilesNameTheByteOffsetAndWhatWasExpected() {
        BasisSet set = IoFixtures.singlet();
        byte[] nii = NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main"));

        byte[] cut = Arrays.copyOf(nii, nii.length - 100);
        InputException t = assertThrows(InputException.class, () -> NiftiMrsReader.parse("cut.nii", "x", cut));
        assertTrue(t.getMessage().startsWith("cut.nii: byte " + cut.length), t.getMessage());
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());

        InputException shortHeader = assertThrows(InputException.class,
                () -> NiftiMrsReader.parse("h.nii", "x", Arrays.copyOf(nii, 400)));
        assertTrue(shortHeader.getMessage().contains("540"), shortHeader.getMessage());

        byte[] notNifti = "hello, this is not a NIfTI file".repeat(20).getBytes(StandardCharsets.US_ASCII);
        InputException magic = assertThrows(InputException.class, () -> NiftiMrsReader.parse("t.nii", "x", notNifti));
        assertTrue(magic.getMessage().contains("byte 0: sizeof_hdr"), magic.getMessage());

        byte[] real = nii.clone();
        ByteBuffer.wrap(real).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 16);
        InputException type = assertThrows(InputException.class, () -> NiftiMrsReader.parse("r.nii", "x", real));
        assertTrue(type.getMessage().contains("byte 12: datatype 16"), type.getMessage());

        byte[] badJson = nii.clone();
        badJson[552] = '[';
        badJson[553] = '[';
        InputException j = assertThrows(InputException.class, () -> NiftiMrsReader.parse("j.nii", "x", badJson));
        assertTrue(j.getMessage().contains("JSON"), j.getMessage());
    }

    @Test
    void truncatedGzipIsReported(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.singlet();
        byte[] gz = NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main")));
        Path f = dir.resolve("NAA.nii.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        InputException e = assertThrows(InputException.class, () -> NiftiMrsReader.read(f));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void nibabelReadsOurFilesAndFindsTheSingletAtPositiveFrequency(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = IoFixtures.singlet();
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir.resolve("out"));
        Path copy = dir.resolve("nifti1.nii");
        String out = runNibabel(dir.resolve("out/nifti/NAA.nii.gz").toString(), Double.toString(IoFixtures.F0_MHZ),
                Double.toString(IoFixtures.NAA_PPM), "0", copy.toString());
        assertTrue(out.startsWith("OK"), out);

        ReadBasis viaNibabel = NiftiMrsReader.read(copy);
        assertEquals(1, NiftiHeader.parse("c", Files.readAllBytes(copy)).version(), "nibabel wrote NIfTI-1");
        assertTrue(IoFixtures.relativeError(set.spectra().get(0).fid("main"), viaNibabel.fid("NAA")) < 1e-6);
    }

    @Test
    void nibabelReadsTheMegaLayout(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(nibabelAvailable(), "/usr/bin/python3 with nibabel is not installed");
        BasisSet set = IoFixtures.mega();
        BasisWriters.write(set, EnumSet.of(Format.NIFTI), dir.resolve("out"));
        String out = runNibabel(dir.resolve("out/nifti/NAA.nii.gz").toString(), Double.toString(IoFixtures.F0_MHZ),
                Double.toString(IoFixtures.NAA_PPM), "2", "-");
        assertTrue(out.startsWith("OK"), out);
    }
}
