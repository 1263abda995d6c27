package org.larmor.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.larmor.synth.Truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One chunk of a synthetic dataset as a Parquet file: a row per spectrum, with the spectra as arrays and the truth
 * as columns (Apache Parquet format specification, https://parquet.apache.org/docs/file-format/; lists in the
 * three-level LIST form of its LogicalTypes.md, which Spark, pandas/pyarrow and DuckDB read as arrays).
 *
 * <ul>
 *   <li>{@code index} (int64): the spectrum's index in the dataset, the same as the CLI's truth tables';</li>
 *   <li>{@code spectra} (list of float): the scan's sub-spectra, time domain, real and imaginary parts interleaved,
 *       in the order of the CLI's {@code spectra_*.npy} row (shape in the file's {@code larmor.shape.spectra}
 *       metadata); the same float32 values, bit for bit;</li>
 *   <li>{@code combinations}, {@code water_reference} (list of float): when the scenario has them;</li>
 *   <li>one double column per scalar truth entry, named as the CLI's truth CSV header ({@code NAA.concentration_mm}:
 *       quote such names in Spark SQL, {@code `NAA.concentration_mm`}), and a list of double per array entry
 *       ({@code shift_hz[]} → {@code shift_hz}).</li>
 * </ul>
 * Values are not dictionary-encoded (noise does not repeat); pages are uncompressed by default (noise does not
 * compress either: Snappy saved under 1 % and cost a tenth of the time), or Snappy or Zstandard on request.
 */
final class ParquetSpectra {
    private ParquetSpectra() {
    }

    /** One row, filled in place for each spectrum of a chunk. */
    static final class Row {
        long index;
        float[] spectra;
        float[] combinations;
        float[] water;
        double[] truth;
    }

    /** The Parquet schema of a dataset whose rows have these parts. */
    static MessageType schema(Truth.Schema truth, boolean combinations, boolean water) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64).named("index");
        b.requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("spectra");
        if (combinations) {
            b.requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("combinations");
        }
        if (water) {
            b.requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("water_reference");
        }
        for (int k = 0; k < truth.names().size(); k++) {
            String name = truth.names().get(k);
            if (name.endsWith("[]")) {
                b.requiredList().requiredElement(PrimitiveTypeName.DOUBLE).named(name.substring(0, name.length() - 2));
            } else {
                // required: a value the CLI's truth table writes as null (NaN) is stored as NaN
                b.required(PrimitiveTypeName.DOUBLE).named(name);
            }
        }
        return b.named("larmor_spectrum");
    }

    /**
     * Writes rows to {@code file} (replaced if present), with {@code metadata} in the file's footer. The columns are
     * fed value by value with their repetition and definition levels (a list element: r = 0 for the first, 1 after;
     * d = 1), as parquet-mr's record writer does underneath, without its per-field bookkeeping: that took 550 µs a
     * row for 4096 floats, more than making the spectrum.
     */
    static final class Writer implements java.io.Closeable {
        /** A row group is closed when this much is buffered (the part files of the default chunk hold one). */
        static final long ROW_GROUP_BYTES = 128L << 20;
        private final MessageType schema;
        private final Truth.Schema truth;
        private final boolean combinations;
        private final boolean water;
        private final Map<String, String> metadata;
        private final ParquetProperties props;
        private final CodecFactory codecs;
        private final CompressionCodecName codec;
        private final ParquetFileWriter file;
        private ColumnChunkPageWriteStore pages;
        private ColumnWriteStore store;
        /** The schema without the float lists: what parquet-mr's column writers handle. */
        private final MessageType rest;
        private ColumnWriter[] columns;
        private FloatListColumn[] lists;
        private long rowsInGroup;

        Writer(Path path, Truth.Schema truth, boolean combinations, boolean water, CompressionCodecName codec,
               Map<String, String> metadata) throws IOException {
            this.schema = schema(truth, combinations, water);
            List<org.apache.parquet.schema.Type> others = new java.util.ArrayList<>();
            for (org.apache.parquet.schema.Type t : schema.getFields()) {
                if (t.isPrimitive() || !t.getName().equals("spectra") && !t.getName().equals("combinations")
                        && !t.getName().equals("water_reference")) {
                    others.add(t);
                }
            }
            this.rest = new MessageType(schema.getName(), others);
            this.truth = truth;
            this.combinations = combinations;
            this.water = water;
            this.metadata = Map.copyOf(metadata);
            this.codec = codec;
            this.props = ParquetProperties.builder().withDictionaryEncoding(false)
                    // min/max and level histograms of noise help no reader, and cost a third of the time
                    .withStatisticsEnabled(false).withSizeStatisticsEnabled(false).build();
            this.file = new ParquetFileWriter(new LocalOutputFile(path), schema, ParquetFileWriter.Mode.OVERWRITE,
                    ROW_GROUP_BYTES, 0, null, props);
            this.codecs = new CodecFactory(new Configuration(false), props.getPageSizeThreshold());
            file.start();
            startGroup();
        }

        private void startGroup() {
            pages = new ColumnChunkPageWriteStore(codecs.getCompressor(codec), schema, props.getAllocator(),
                    props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
            // parquet-mr's column writers for the index and the truth; the float lists go as whole pages
            store = props.newColumnWriteStore(rest, pages);
            List<ColumnDescriptor> descs = schema.getColumns();
            columns = new ColumnWriter[descs.size()];
            lists = new FloatListColumn[descs.size()];
            for (int i = 0; i < columns.length; i++) {
                ColumnDescriptor d = descs.get(i);
                if (isFloatList(d)) {
                    lists[i] = new FloatListColumn(pages.getPageWriter(d), d);
                } else {
                    columns[i] = store.getColumnWriter(d);
                }
            }
            rowsInGroup = 0;
        }

        private void endGroup() throws IOException {
            for (FloatListColumn l : lists) {
                if (l != null) {
                    l.flush();
                }
            }
            store.flush();
            file.startBlock(rowsInGroup);
            pages.flushToFileWriter(file);
            file.endBlock();
            store.close();
            pages.close();
        }

        void write(Row r) throws IOException {
            int c = 0;
            columns[c++].write(r.index, 0, 0);
            lists[c++].add(r.spectra);
            if (combinations) {
                lists[c++].add(r.combinations);
            }
            if (water) {
                lists[c++].add(r.water);
            }
            int v = 0;
            for (int k = 0; k < truth.names().size(); k++) {
                int len = truth.lengths().get(k);
                ColumnWriter w = columns[c++];
                if (truth.names().get(k).endsWith("[]")) {
                    if (len == 0) {
                        w.writeNull(0, 0);
                    }
                    for (int i = 0; i < len; i++) {
                        w.write(r.truth[v + i], i == 0 ? 0 : 1, 1);
                    }
                } else {
                    w.write(r.truth[v], 0, 0);
                }
                v += len;
            }
            store.endRecord();
            rowsInGroup++;
            if (store.getBufferedSize() > ROW_GROUP_BYTES) {
                endGroup();
                startGroup();
            }
        }

        private static boolean isFloatList(ColumnDescriptor d) {
            return d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT && d.getMaxRepetitionLevel() == 1;
        }

        @Override
        public void close() throws IOException {
            if (rowsInGroup > 0) {
                endGroup();
            }
            file.end(metadata);
            codecs.release();
        }
    }

    /**
     * A list-of-float column whose rows all hold the same number of values, written as whole data pages (format
     * v1): the repetition levels are one RLE run of 0 then one of 1 per row, the definition levels a single run of
     * 1, and the values PLAIN little-endian floats (Parquet's Encodings.md: RLE/bit-packing hybrid, length-prefixed
     * in a v1 page). That is what parquet-mr's column writer makes of them value by value, at a fraction of the
     * cost; Spark, Arrow and parquet-mr read it back (ParquetDatasetTest).
     */
    private static final class FloatListColumn {
        /** Rows per page: pages of about 1 MB for 2048 complex points. */
        private static final int PAGE_VALUES = 1 << 18;
        private final PageWriter pages;
        private final ColumnDescriptor column;
        private java.nio.ByteBuffer values;
        private int perRow = -1;
        private int rows;

        FloatListColumn(PageWriter pages, ColumnDescriptor column) {
            this.pages = pages;
            this.column = column;
        }

        void add(float[] v) throws IOException {
            if (perRow < 0) {
                if (v.length == 0) {
                    throw new IllegalArgumentException("empty " + column + " row");
                }
                perRow = v.length;
                int rowsPerPage = Math.max(1, PAGE_VALUES / perRow);
                values = java.nio.ByteBuffer.allocate(rowsPerPage * perRow * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            } else if (v.length != perRow) {
                throw new IllegalArgumentException(column + ": rows of " + perRow + " and " + v.length + " values");
            }
            values.asFloatBuffer().put(v);
            values.position(values.position() + 4 * v.length);
            rows++;
            if (!values.hasRemaining()) {
                flush();
            }
        }

        void flush() throws IOException {
            if (rows == 0) {
                return;
            }
            java.io.ByteArrayOutputStream rl = new java.io.ByteArrayOutputStream(rows * 6);
            for (int r = 0; r < rows; r++) {
                run(rl, 1, 0);
                if (perRow > 1) {
                    run(rl, perRow - 1, 1);
                }
            }
            java.io.ByteArrayOutputStream dl = new java.io.ByteArrayOutputStream(8);
            run(dl, rows * perRow, 1);
            byte[] v = java.util.Arrays.copyOf(values.array(), values.position());
            BytesInput page = BytesInput.concat(BytesInput.fromInt(rl.size()), BytesInput.from(rl.toByteArray()),
                    BytesInput.fromInt(dl.size()), BytesInput.from(dl.toByteArray()), BytesInput.from(v));
            pages.writePage(page, rows * perRow, rows, Statistics.createStats(column.getPrimitiveType()),
                    Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
            values.clear();
            rows = 0;
        }

        /** An RLE run of a 1-bit level: ULEB128 header (count << 1, low bit 0), then the value in one byte. */
        private static void run(java.io.ByteArrayOutputStream out, int count, int value) {
            int h = count << 1;
            while ((h & ~0x7F) != 0) {
                out.write((h & 0x7F) | 0x80);
                h >>>= 7;
            }
            out.write(h);
            out.write(value);
        }
    }
}
