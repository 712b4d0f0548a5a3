package org.purecodec.h264.syntax;

/**
 * Where the macroblock being parsed is, and which neighbours are available (6.4.9, 6.4.11.1): the address
 * of mbAddrA (left), mbAddrB (above), mbAddrC (above right) and mbAddrD (above left), or -1 when that
 * macroblock is outside the picture or belongs to another slice (so not available). Filled by the slice
 * loop before each macroblock; readers only read it.
 */
public final class MbPosition {
    /** CurrMbAddr. */
    public int addr;
    public int mbX;
    public int mbY;
    public int addrA = -1;
    public int addrB = -1;
    public int addrC = -1;
    public int addrD = -1;

    /**
     * Sets the position of macroblock {@code addr} in a picture {@code mbWidth} macroblocks wide whose
     * current slice starts at {@code sliceFirstMb}: a neighbour is available when it lies inside the
     * picture and its address is at least {@code sliceFirstMb} (slices are contiguous runs of macroblocks
     * in raster order: no FMO/ASO).
     */
    public void set(int addr, int mbWidth, int sliceFirstMb) {
        this.addr = addr;
        int x = addr % mbWidth;
        int y = addr / mbWidth;
        mbX = x;
        mbY = y;
        addrA = x > 0 && addr - 1 >= sliceFirstMb ? addr - 1 : -1;
        int b = addr - mbWidth;
        addrB = y > 0 && b >= sliceFirstMb ? b : -1;
        addrC = y > 0 && x + 1 < mbWidth && b + 1 >= sliceFirstMb ? b + 1 : -1;
        addrD = y > 0 && x > 0 && b - 1 >= sliceFirstMb ? b - 1 : -1;
    }
}
