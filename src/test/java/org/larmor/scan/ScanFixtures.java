package org.larmor.scan;

import org.larmor.io.NiftiMrsDataWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Scan files built byte by byte from their format descriptions, so every reader can be tested field by field. */
final class ScanFixtures {
    private ScanFixtures() {
    }

    /** A NIfTI-MRS file (gzip when the name ends .gz) with these header-extension keys and {@code points} points. */
    static Path nifti(Path file, int points, double dwellS, double mhz, Map<String, Object> json) throws IOException {
        Map<String, Object> j = new LinkedHashMap<>(json);
        String nucleus = (String) j.remove("nucleus");
        byte[] nii = NiftiMrsDataWriter.write(new float[2 * points], points, List.of(), dwellS, mhz,
                nucleus == null ? "1H" : nucleus, j, "test scan");
        if (file.toString().endsWith(".gz")) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                gz.write(nii);
            }
            nii = bo.toByteArray();
        }
        return Files.write(file, nii);
    }

    /** A Siemens .rda: its text header lines between the markers, then a few bytes of (fake) binary data. */
    static Path rda(Path file, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder(">>> Begin of header <<<\r\n");
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        sb.append(">>> End of header <<<\r\n");
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(text, text.length + 64);
        return Files.write(file, all);
    }

    /** A Philips .SPAR with its comment banner and these key : value lines. */
    static Path spar(Path file, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("!-------------------------------------------\n! GYROSCAN spectro parameter"
                + " file.\n!-------------------------------------------\n");
        for (String l : lines) {
            sb.append(l).append("\n\n");
        }
        return Files.writeString(file, sb.toString(), StandardCharsets.ISO_8859_1);
    }

    /** The twix measurement header text: an XProtocol fragment with the manufacturer, then the ASCCONV protocol. */
    static String twixProtocol(String manufacturer, String... ascconv) {
        StringBuilder sb = new StringBuilder("<XProtocol>\n{\n  <Name> \"Dicom\"\n");
        if (manufacturer != null) {
            sb.append("  <ParamString.\"Manufacturer\">  { \"").append(manufacturer).append("\"  }\n");
        }
        sb.append("}\n### ASCCONV BEGIN object=MrProtDataImpl@MrProtocolData version=51130001 ###\n");
        for (String l : ascconv) {
            sb.append(l).append('\n');
        }
        return sb.append("### ASCCONV END ###\n").toString();
    }

    /**
     * A VD/VE twix file: uint32 0, the number of measurements, 152-byte entries (id, file id, offset, length, …),
     * and at each measurement's offset its header length then the header text; data bytes follow each header.
     */
    static Path twixVd(Path file, String... measurementTexts) throws IOException {
        int n = measurementTexts.length;
        List<byte[]> headers = new java.util.ArrayList<>();
        for (String t : measurementTexts) {
            byte[] text = t.getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer h = ByteBuffer.allocate(4 + text.length + 4096).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(4 + text.length).put(text);
            headers.add(h.array());
        }
        long offset = 10240;
        ByteBuffer table = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(0).putInt(n);
        long at = offset;
        for (int i = 0; i < n; i++) {
            table.position(8 + 152 * i);
            table.putInt(i + 1).putInt(i).putLong(at).putLong(headers.get(i).length);
            at += headers.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(table.array());
        for (byte[] h : headers) {
            out.write(h);
        }
        return Files.write(file, out.toByteArray());
    }

    /** A VB twix file: the header length, the header text, then data bytes. */
    static Path twixVb(Path file, String text) throws IOException {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(4 + t.length + 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4 + t.length).put(t);
        return Files.write(file, b.array());
    }

    /**
     * A GE P-file of header revision 26.002 (little-endian): the revision, off_data (byte 4), off_image (byte 40),
     * rdb_hdr_ps_mps_freq (byte 488, 0.1 Hz), rdb_hdr_user0 (byte 280, spectral width Hz), rdb_hdr_da_xres (byte
     * 178), and in the image header tr (byte 1056) and te (byte 1064) in µs, with a psd name as text.
     */
    static Path pfile26(Path file, int freqTenthHz, float swHz, int points, int teUs, int trUs, String psd)
            throws IOException {
        int offImage = 4096;
        int offData = 16384;
        ByteBuffer b = ByteBuffer.allocate(offData + 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0, 26.002f);
        b.putInt(4, offData);
        b.putInt(40, offImage);
        b.putInt(488, freqTenthHz);
        b.putFloat(280, swHz);
        b.putShort(178, (short) points);
        b.putInt(offImage + 1056, trUs);
        b.putInt(offImage + 1064, teUs);
        if (psd != null) {
            byte[] name = psd.getBytes(StandardCharsets.US_ASCII);
            b.position(offImage + 2000);
            b.put(name);
        }
        return Files.write(file, b.array());
    }
}
