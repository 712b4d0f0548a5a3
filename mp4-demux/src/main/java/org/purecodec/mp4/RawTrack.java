package org.purecodec.mp4;

import java.util.ArrayList;
import java.util.List;

/** Raw boxes of one {@code trak} as parsed, before the derived tables are built. */
final class RawTrack {
    final int index;
    final String path;
    TrackHeader tkhd;
    List<EditListEntry> edits;
    MediaHeader mdhd;
    String handlerType = "";
    String handlerName = "";
    final List<SampleEntry> sampleEntries = new ArrayList<>();
    SampleTableBuilder samples;
    boolean hasStbl;
    long cslgShift;
    // trex defaults
    boolean hasTrex;
    int trexDescriptionIndex = 1;
    long trexDuration;
    long trexSize;
    int trexFlags;
    int fragments;

    RawTrack(int index, String path) {
        this.index = index;
        this.path = path;
    }
}
