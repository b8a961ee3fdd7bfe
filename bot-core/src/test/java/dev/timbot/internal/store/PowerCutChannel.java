package dev.timbot.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A file (or directory) channel on a {@link PowerCutDisk}: reads, positions and locks go to the real
 * channel; writes too, and the disk notes them; a force is the disk's, not the real disk's.
 */
final class PowerCutChannel extends FileChannel {
  private final PowerCutDisk disk;
  private final Path path;
  private final FileChannel real;
  private final boolean directory;

  PowerCutChannel(PowerCutDisk disk, Path path, FileChannel real, boolean directory) {
    this.disk = disk;
    this.path = path;
    this.real = real;
    this.directory = directory;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    open();
    return disk.write(path, real, src, -1);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    open();
    return disk.write(path, real, src, position);
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    open();
    disk.truncate(path, real, size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    open();
    if (directory) {
      disk.forceDirectory(path);
    } else {
      disk.force(path);
    }
  }

  private void open() throws ClosedChannelException {
    if (!isOpen()) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException("not used by the store");
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException("not used by the store");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException("not used by the store");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
