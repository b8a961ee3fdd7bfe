package dev.timbot.plugins.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds large synthetic shop KBs for benchmarks and scale tests. Deterministic: the same size
 * and seed always give the same entries, questions and queries, so benchmark runs are comparable.
 *
 * <p>Each entry combines a product, an aspect and a question form (in Chinese and in English),
 * plus a unique model code, so that entries overlap in vocabulary the way a real KB does while
 * every entry still has one right answer.
 */
public final class KbGenerator {
  private static final String[][] PRODUCTS = {
      {"手机", "phone"}, {"耳机", "headphones"}, {"笔记本电脑", "laptop"}, {"平板", "tablet"},
      {"手表", "watch"}, {"相机", "camera"}, {"电视", "tv"}, {"冰箱", "fridge"},
      {"洗衣机", "washing machine"}, {"空调", "air conditioner"}, {"吸尘器", "vacuum cleaner"},
      {"咖啡机", "coffee machine"}, {"运动鞋", "sneakers"}, {"外套", "jacket"}, {"背包", "backpack"},
      {"床垫", "mattress"}, {"台灯", "desk lamp"}, {"键盘", "keyboard"}, {"鼠标", "mouse"},
      {"显示器", "monitor"}, {"音箱", "speaker"}, {"电饭煲", "rice cooker"}, {"自行车", "bicycle"},
      {"行李箱", "suitcase"}, {"口红", "lipstick"}, {"面霜", "face cream"}, {"奶粉", "baby formula"},
      {"猫粮", "cat food"}, {"茶叶", "tea"}, {"保温杯", "thermos"}};
  private static final String[][] ASPECTS = {
      {"保修", "warranty"}, {"退货", "return"}, {"发货时间", "shipping time"}, {"安装", "installation"},
      {"电池", "battery"}, {"尺寸", "size"}, {"颜色", "colour"}, {"说明书", "manual"},
      {"配件", "accessories"}, {"维修", "repair"}, {"价格", "price"}, {"充电", "charging"},
      {"清洗", "cleaning"}, {"保质期", "shelf life"}, {"赠品", "free gift"}, {"发票", "invoice"},
      {"材质", "material"}, {"重量", "weight"}, {"噪音", "noise"}, {"兼容", "compatibility"}};
  private static final String[][] FORMS = {
      {"%s的%s怎么样", "what about the %2$s of the %1$s"},
      {"%s%s有什么要求", "what are the %2$s rules for the %1$s"},
      {"请问%s的%s是多少", "what is the %2$s of the %1$s"},
      {"%s的%s问题怎么处理", "how do you handle %2$s issues with the %1$s"},
      {"怎么查%s的%s", "how can I check the %2$s of my %1$s"}};

  private KbGenerator() {}

  /** A KB of {@code size} entries, two Chinese and one English phrasing each. */
  public static KnowledgeBase generate(int size, long seed) {
    Random random = new Random(seed);
    List<FaqEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String[] p = PRODUCTS[random.nextInt(PRODUCTS.length)];
      String[] a = ASPECTS[random.nextInt(ASPECTS.length)];
      String model = model(i);
      String[] f1 = FORMS[random.nextInt(FORMS.length)];
      String[] f2 = FORMS[random.nextInt(FORMS.length)];
      List<String> questions = List.of(
          String.format(f1[0], model + p[0], a[0]),
          String.format(f2[0], p[0] + model, a[0]),
          String.format(f1[1], p[1] + " " + model, a[1]));
      entries.add(new FaqEntry("gen-" + i, questions,
          List.of(dev.timbot.message.TextElem.of("关于 " + model + " " + p[0] + " 的" + a[0] + "：请见商品页。")),
          List.of(model), List.of(), 0));
    }
    return KnowledgeBase.of(entries);
  }

  /**
   * {@code count} queries against {@code generate(size, seed)}: each reworded from one entry
   * (different form, sometimes without the model code), so they exercise real scoring.
   */
  public static List<String> queries(int size, long seed, int count) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    KnowledgeBase kb = generate(size, seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      FaqEntry e = kb.entries().get(random.nextInt(size));
      String q = e.questions().get(random.nextInt(e.questions().size()));
      out.add(random.nextBoolean() ? q : q.replace(e.keywords().get(0), "").strip());
    }
    return out;
  }

  /** A unique pronounceable code per index, like a product model ("kt512"). */
  private static String model(int i) {
    String letters = "bcdfghjkmnpqrstvwxz";
    return "" + letters.charAt(i % letters.length())
        + letters.charAt((i / letters.length()) % letters.length())
        + (100 + i);
  }
}
