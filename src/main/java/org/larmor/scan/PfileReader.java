package org.larmor.scan;

import org.larmor.input.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Best effort on a GE P-file ({@code P*.7}): the rdbm header revision (float32 at byte 0) and, for the revisions
 * whose offsets are published, the fields at those offsets. Offsets are those of Gannet's {@code GERead.m}
 * (Edden RAE et al., J Magn Reson Imaging 2014;40:1445-1452; revisions 14.3, 16, 20.006, 20.007, 24 and 26.002,
 * from rdbm.h RDB_HEADER_REC and imagedb.h MRIMAGEDATATYPE): in the rdb header {@code rdb_hdr_ps_mps_freq}
 * (int32, units of 0.1 Hz), {@code rdb_hdr_user0} (float32, spectral width in Hz), {@code rdb_hdr_da_xres} (int16,
 * points), {@code rdb_hdr_off_image} and {@code rdb_hdr_off_data} (int32 byte offsets); in the image header at
 * {@code off_image}: {@code te} and {@code tr} (int32, µs). Revisions 11 and later are little-endian.
 *
 * <p>Not read: the nucleus (no published offset: state it), the TE1/TE2 split. The pulse-sequence name is looked
 * for as text in the image header (between off_image and off_data): a NUL-terminated run that is one of GE's
 * spectroscopy psd names (PROBE-P, PROBE-S, presscsi, jpress…, hbcd…, mega…, gaba, oslaser, hermes…, hercules…);
 * its offset is recorded. A revision not in the table is refused by name: its offsets are not established, and
 * reading them from another revision's would be a guess.
 */
final class PfileReader {
    /** Offsets of one header revision, in bytes. */
    record Revision(String name, int offImage, int offData, int mpsFreq, int user0, int daXres, int te, int tr) {
    }

    static final List<Revision> KNOWN = List.of(
            new Revision("14.3", 1504, 1468, 424, 216, 102, 720, 712),
            new Revision("16", 1504, 1468, 424, 216, 102, 768, 760),
            new Revision("20.006", 1504, 1468, 424, 216, 102, 1064, 1056),
            new Revision("20.007", 1504, 1468, 424, 216, 102, 1064, 1056),
            new Revision("24", 1504, 1468, 424, 216, 102, 1064, 1056),
            new Revision("26.002", 40, 4, 488, 280, 178, 1064, 1056));

    private static final Pattern PSD = Pattern.compile("probe-[ps]|presscsi.*|stesvs|jpress.*|hbcd.*|mega.*|gaba"
            + "|oslaser|slaser.*|hermes.*|hercules.*");

    private PfileReader() {
    }

    static ScanHeader read(Path file) {
        String src = file.toString();
        long size = ScanFiles.check(file);
        byte[] h = ScanFiles.read(file, 0, 4);
        if (h.length < 4) {
            throw InputException.of(src, "too short for a GE P-file");
        }
        float le = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
        float be = ByteBuffer.wrap(h).order(ByteOrder.BIG_ENDIAN).getFloat(0);
        Revision rev = null;
        for (Revision r : KNOWN) {
            if (Math.abs(le - Float.parseFloat(r.name())) < 1e-4) {
                rev = r;
            }
        }
        if (rev == null) {
            String seen = Float.isFinite(le) && le > 0 && le < 100 ? String.format(Locale.ROOT, "%.3f", le)
                    : Float.isFinite(be) && be > 0 && be < 100 ? String.format(Locale.ROOT, "%.3f (big-endian)", be)
                    : "none (byte 0 is not a revision number)";
            throw InputException.of(src, "byte 0: GE P-file header revision " + seen + " is not one Larmor reads: its"
                    + " field offsets are established only for revisions " + String.join(", ", KNOWN.stream()
                    .map(Revision::name).toList()) + " (Gannet GERead.m). Convert the scan with spec2nii and give"
                    + " the NIfTI-MRS file to --from-scan");
        }
        byte[] rdb = ScanFiles.read(file, 0, 2048);
        ByteBuffer b = ByteBuffer.wrap(rdb).order(ByteOrder.LITTLE_ENDIAN);
        if (rdb.length < 2048) {
            throw InputException.of(src, "truncated GE P-file: " + rdb.length + " bytes, shorter than its header");
        }
        long offImage = b.getInt(rev.offImage()) & 0xffffffffL;
        long offData = b.getInt(rev.offData()) & 0xffffffffL;
        if (offImage < 0 || offImage + rev.te() + 4 > size || offData > size || offData < offImage) {
            throw InputException.of(src, "byte " + rev.offImage() + ": image header offset " + offImage + " (data at "
                    + offData + ") does not fit the file's " + size + " bytes: not a revision-" + rev.name()
                    + " P-file, or truncated");
        }
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        List<String> notes = new ArrayList<>();
        String at = " (rev " + rev.name() + ", byte ";
        int freq = b.getInt(rev.mpsFreq());
        if (freq > 0) {
            v.put(HeaderField.SPECTROMETER_HZ, new ScanHeader.Stated(freq / 10.0, "rdb_hdr_ps_mps_freq = " + freq
                    + " × 0.1 Hz" + at + rev.mpsFreq() + ")"));
        }
        float sw = b.getFloat(rev.user0());
        if (sw > 0 && Float.isFinite(sw)) {
            v.put(HeaderField.DWELL_S, new ScanHeader.Stated(1.0 / sw, "rdb_hdr_user0 = " + sw + " Hz spectral width"
                    + at + rev.user0() + ")"));
        }
        int xres = b.getShort(rev.daXres()) & 0xffff;
        if (xres > 1) {
            v.put(HeaderField.POINTS, new ScanHeader.Stated(xres, "rdb_hdr_da_xres = " + xres + at + rev.daXres()
                    + ")"));
        }
        int imageLength = (int) Math.min(Math.max(offData - offImage, rev.te() + 4), ScanFiles.MAX_HEADER_BYTES);
        byte[] image = ScanFiles.read(file, offImage, imageLength);
        ByteBuffer ib = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int te = ib.getInt(rev.te());
        int tr = ib.getInt(rev.tr());
        if (te > 0) {
            v.put(HeaderField.TE_S, new ScanHeader.Stated(te * 1e-6, "image te = " + te + " µs" + at
                    + (offImage + rev.te()) + ")"));
        }
        if (tr > 0) {
            v.put(HeaderField.TR_S, new ScanHeader.Stated(tr * 1e-6, "image tr = " + tr + " µs" + at
                    + (offImage + rev.tr()) + ")"));
        }
        String psd = psdName(image);
        if (psd != null) {
            int off = psdOffset(image, psd);
            v.put(HeaderField.SEQUENCE_NAME, new ScanHeader.Stated(psd, "psd name \"" + psd + "\" as text in the image"
                    + " header, byte " + (offImage + off)));
        } else {
            notes.add("GE P-file: no known spectroscopy psd name found in the image header");
        }
        notes.add("GE P-file: the nucleus is not read (no published offset)");
        v.put(HeaderField.MANUFACTURER, new ScanHeader.Stated("GE", "the P-file format, GE's raw data"));
        return new ScanHeader(file, "GE P-file (rdbm revision " + rev.name() + ")", v, notes);
    }

    private static String psdName(byte[] image) {
        int start = -1;
        for (int k = 0; k <= image.length; k++) {
            boolean printable = k < image.length && image[k] >= 0x21 && image[k] < 0x7f;
            if (printable && start < 0) {
                start = k;
            } else if (!printable && start >= 0) {
                boolean terminated = k == image.length || image[k] == 0;
                boolean preceded = start == 0 || image[start - 1] == 0;
                if (terminated && preceded && k - start >= 4 && k - start <= 32) {
                    String s = new String(image, start, k - start, StandardCharsets.US_ASCII);
                    if (PSD.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
                        return s;
                    }
                }
                start = -1;
            }
        }
        return null;
    }

    private static int psdOffset(byte[] image, String psd) {
        return new String(image, StandardCharsets.ISO_8859_1).indexOf("\0" + psd + "\0") + 1;
    }
}
