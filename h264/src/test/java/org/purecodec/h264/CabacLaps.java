package org.purecodec.h264;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.purecodec.h264.nal.AnnexBReader;
import org.purecodec.h264.nal.NalUnit;
import org.purecodec.h264.syntax.CabacReader;
import org.purecodec.h264.syntax.Macroblock;
import org.purecodec.h264.syntax.MbPosition;
import org.purecodec.h264.syntax.SliceHeader;
import org.purecodec.h264.syntax.SliceHeaderParser;

/**
 * Not a test: a measuring tool for the CABAC syntax layer alone. Every slice of a CABAC Annex B stream is
 * parsed macroblock by macroblock ({@link CabacReader#read}, no reconstruction), round after round, by two
 * builds of the h264 module loaded side by side in one JVM (each in a class loader of its own, child first),
 * taking turns, so that a change to the entropy decoding can be timed against the build before it without
 * the noise of the rest of the decoder (about a third of its time) and of the machine's slow and fast phases.
 * Run through {@code bench/scripts/cabac-laps.sh OLD_CLASSES NEW_CLASSES [STREAM] [ROUNDS]}.
 *
 * <p>Each build's figure is the sum of its round times; a checksum of the parsed syntax (mb_type, cbp, QP
 * deltas, levels, motion vector differences) is printed per build and must agree.
 */
public final class CabacLaps {
    private final List<Object[]> slices = new ArrayList<>(); // SliceHeader, rbsp, width in MBs, height in MBs
    private final CabacReader reader = new CabacReader();
    private final MbPosition pos = new MbPosition();
    private final Macroblock mb = new Macroblock();

    /** Parses the parameter sets and slice headers of an Annex B stream. */
    public CabacLaps(byte[] stream) {
        ParameterSets ps = new ParameterSets();
        SliceHeaderParser.Lookup lookup = ps.lookup();
        for (NalUnit n : AnnexBReader.splitAll(stream)) {
            switch (n.type()) {
                case 7 -> ps.putSps(n);
                case 8 -> ps.putPps(n);
                case 1, 5 -> {
                    byte[] rbsp = n.rbsp();
                    SliceHeader h = SliceHeaderParser.parse(n.type(), n.refIdc(), rbsp, rbsp.length, lookup, n.where(), null);
                    if (!h.pps.entropyCodingModeFlag) {
                        throw new IllegalArgumentException("not a CABAC stream");
                    }
                    int mbW = h.sps.picWidthInMbsMinus1 + 1;
                    int mbH = h.sps.picHeightInMapUnitsMinus1 + 1;
                    slices.add(new Object[] {h, rbsp, mbW, mbH});
                }
                default -> {
                }
            }
        }
    }

    /** Parses every slice once; returns a checksum of what was parsed. */
    public long round() {
        long sum = 0;
        for (Object[] s : slices) {
            SliceHeader h = (SliceHeader) s[0];
            byte[] rbsp = (byte[]) s[1];
            int mbW = (Integer) s[2];
            if (h.firstMbInSlice == 0) {
                reader.startPicture(mbW, (Integer) s[3]);
            }
            reader.startSlice(h, rbsp, rbsp.length);
            int addr = h.firstMbInSlice;
            boolean more = true;
            while (more) {
                pos.set(addr, mbW, h.firstMbInSlice);
                mb.clear();
                mb.sliceType = h.sliceType;
                more = reader.read(pos, mb);
                sum = sum * 31 + mb.mbType * 7 + mb.cbp + mb.qpDelta + (mb.skip ? 1 : 0);
                for (int i = 0; i < 16; i++) {
                    sum += mb.luma[i * 16] + mb.totalCoeff[i];
                }
                sum += mb.mvd[0][0] + mb.mvd[1][0];
                addr++;
            }
        }
        return sum;
    }

    /** Loads org.purecodec.h264 from its own location, child first; everything else from the parent. */
    static final class Loader extends URLClassLoader {
        Loader(Path location) throws Exception {
            super(new URL[] {location.toUri().toURL()}, CabacLaps.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.purecodec.h264.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** {@code OLD_CLASSES NEW_CLASSES STREAM ROUNDS}: the two builds' class directories, each with this class. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: CabacLaps OLD_CLASSES NEW_CLASSES STREAM ROUNDS");
        }
        byte[] stream = Files.readAllBytes(Path.of(args[2]));
        int rounds = Integer.parseInt(args[3]);
        String[] names = {"old", "new"};
        Object[] laps = new Object[2];
        Method[] round = new Method[2];
        for (int b = 0; b < 2; b++) {
            Class<?> c = new Loader(Path.of(args[b])).loadClass(CabacLaps.class.getName());
            if (c == CabacLaps.class) {
                throw new IllegalStateException("not loaded apart: " + args[b]);
            }
            laps[b] = c.getConstructor(byte[].class).newInstance((Object) stream);
            round[b] = c.getMethod("round");
        }
        long[] total = new long[2];
        long[] check = new long[2];
        for (int r = -4; r < rounds; r++) { // 4 warm-up rounds each
            for (int k = 0; k < 2; k++) {
                int b = (r & 1) == 0 ? k : 1 - k; // alternate which build goes first
                long t0 = System.nanoTime();
                check[b] = (Long) round[b].invoke(laps[b]);
                long t = System.nanoTime() - t0;
                if (r >= 0) {
                    total[b] += t;
                }
            }
        }
        for (int b = 0; b < 2; b++) {
            System.out.printf("%s: %d ms over %d rounds (checksum %x)%n", names[b], total[b] / 1_000_000, rounds, check[b]);
        }
        if (check[0] != check[1]) {
            throw new IllegalStateException("the two builds parsed the stream differently (checksums differ)");
        }
        System.out.printf("new / old: %.4f%n", (double) total[1] / total[0]);
    }
}
