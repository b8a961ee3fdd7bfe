package dev.timbot.emulator.internal.media;

import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.VideoFileElem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns media elements that reference an uploaded file (by {@code UUID} = media ID, or by one of
 * this emulator's media URLs) into what the service delivers: images with the three {@code
 * ImageInfoArray} entries (original, large, thumbnail) and their real sizes, files, sounds and
 * videos with download URLs. Elements pointing elsewhere pass through untouched.
 */
public final class MediaLinker {
  public static final String PATH = "/media/";
  private final MediaStore store;
  private final Supplier<String> baseUrl;

  public MediaLinker(MediaStore store, Supplier<String> baseUrl) {
    this.store = store;
    this.baseUrl = baseUrl;
  }

  /** The URL of an item's original; {@code variant} "720" / "198" for the renditions. */
  public String url(MediaItem item, String variant) {
    return baseUrl.get() + PATH + item.id() + (variant == null ? "" : "/" + variant);
  }

  public List<MessageElem> link(List<MessageElem> body) {
    List<MessageElem> out = new ArrayList<>(body.size());
    for (MessageElem e : body) {
      out.add(link(e));
    }
    return out;
  }

  /** The image element the service would deliver for an uploaded image. */
  public ImageElem imageElem(MediaItem m) {
    List<ImageInfo> infos = List.of(
        new ImageInfo(ImageInfo.ORIGINAL, m.size(), m.width(), m.height(), url(m, null)),
        new ImageInfo(ImageInfo.LARGE, m.large().data().length, m.large().width(), m.large().height(), url(m, "720")),
        new ImageInfo(ImageInfo.THUMBNAIL, m.thumbnail().data().length, m.thumbnail().width(), m.thumbnail().height(), url(m, "198")));
    return new ImageElem(m.id(), m.imageFormat(), infos);
  }

  private MessageElem link(MessageElem e) {
    if (e instanceof ImageElem img) {
      Optional<MediaItem> m = find(img.uuid(), img.url());
      return m.filter(MediaItem::isImage).<MessageElem>map(this::imageElem).orElse(e);
    }
    if (e instanceof FileElem f) {
      return find(f.uuid(), f.url())
          .<MessageElem>map(m -> new FileElem(url(m, null), m.id(), m.size(),
              f.fileName() != null ? f.fileName() : m.fileName(), 2))
          .orElse(e);
    }
    if (e instanceof SoundElem s) {
      return find(s.uuid(), s.url())
          .<MessageElem>map(m -> new SoundElem(url(m, null), m.id(), m.size(), s.second(), 2))
          .orElse(e);
    }
    if (e instanceof VideoFileElem v) {
      Optional<MediaItem> video = find(v.videoUuid(), v.videoUrl());
      Optional<MediaItem> thumb = find(v.thumbUuid(), v.thumbUrl());
      if (video.isEmpty() && thumb.isEmpty()) {
        return e;
      }
      return new VideoFileElem(
          video.map(m -> url(m, null)).orElse(v.videoUrl()),
          video.map(MediaItem::id).orElse(v.videoUuid()),
          video.map(MediaItem::size).orElse(v.videoSize()),
          v.videoSecond(),
          v.videoFormat() != null ? v.videoFormat() : "mp4",
          2,
          thumb.map(m -> url(m, null)).orElse(v.thumbUrl()),
          thumb.map(MediaItem::id).orElse(v.thumbUuid()),
          thumb.map(MediaItem::size).orElse(v.thumbSize()),
          thumb.filter(MediaItem::isImage).map(MediaItem::width).orElse(v.thumbWidth()),
          thumb.filter(MediaItem::isImage).map(MediaItem::height).orElse(v.thumbHeight()),
          v.thumbFormat() != null ? v.thumbFormat() : "JPG",
          2);
    }
    return e;
  }

  /** The uploaded item a UUID or URL refers to. */
  public Optional<MediaItem> find(String uuid, String url) {
    Optional<MediaItem> byId = store.get(uuid);
    if (byId.isPresent() || url == null) {
      return byId;
    }
    int i = url.indexOf(PATH);
    if (i < 0) {
      return Optional.empty();
    }
    String rest = url.substring(i + PATH.length());
    int slash = rest.indexOf('/');
    int q = rest.indexOf('?');
    int end = slash >= 0 ? slash : (q >= 0 ? q : rest.length());
    return store.get(rest.substring(0, end));
  }
}
