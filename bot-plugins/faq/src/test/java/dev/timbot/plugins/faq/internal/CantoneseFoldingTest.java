package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;

class CantoneseFoldingTest {
  @Test
  void writtenCantoneseReadsAsMandarinAfterTheTraditionalToSimplifiedTransform() {
    assertThat(TextNormalizer.normalize("喺泰國旅行嗰陣護照唔見咗 點算")).isEqualTo("在泰国旅行那时护照不见了 怎么办");
    assertThat(TextNormalizer.normalize("點解有啲位揀唔到")).isEqualTo("为什么有些位拣不到");
    assertThat(TextNormalizer.normalize("我份申請去到邊度 幾耐先有 唔該晒")).isEqualTo("我份申请去到哪里 多久先有 谢谢");
    assertThat(TextNormalizer.normalize("佢哋冇俾收據我")).isEqualTo("他们没有给收据我");
  }

  @Test
  void ofTwoKeysStartingTogetherTheLongerWinsAndAPhraseMappedToItselfShieldsTheKeyInsideIt() {
    assertThat(TextNormalizer.normalize("我唔識用")).isEqualTo("我不会用");
    assertThat(TextNormalizer.normalize("係唔係要預約")).isEqualTo("是不是要预约");
    assertThat(TextNormalizer.normalize("有冇得退")).isEqualTo("有没有得退");
    assertThat(TextNormalizer.normalize("仲未到賬")).as("仲未 marks it").isEqualTo("还没到账");
    assertThat(TextNormalizer.normalize("點樣退款")).as("点样 marks it").isEqualTo("怎样退款");
    assertThat(TextNormalizer.normalize("佢幾點算遲到")).as("几点算, not 几 + 点算").isEqualTo("他几点算迟到");
    assertThat(TextNormalizer.normalize("部手機點解鎖唔到")).as("解锁 kept").isEqualTo("部手机点解锁不到");
  }

  @Test
  void mandarinIsLeftAsTheTraditionalToSimplifiedTransformGivesIt() {
    // Each of these has a key of the table inside it: one that does not mark a text as Cantonese (而家, 依家, 屋企, 边个,
    // 琴日, 仲有), or a marking one shielded by a row mapping the Mandarin word around it to itself (几点算, 重点解, 周边度).
    String[][] mandarin = {
      {"關係", "关系"}, {"仲裁", "仲裁"}, {"返工", "返工"}, {"蚊子咬了", "蚊子咬了"}, {"听日语", "听日语"}, {"你呢", "你呢"},
      {"重点解读", "重点解读"}, {"周边度假", "周边度假"}, {"儿童免票而家长需购票", "儿童免票而家长需购票"},
      {"依家庭收入", "依家庭收入"}, {"房屋企业", "房屋企业"}, {"我这边个人信息", "我这边个人信息"}, {"钢琴日常", "钢琴日常"},
      {"伯仲有别", "伯仲有别"}, {"分时电价几点算低谷", "分时电价几点算低谷"}, {"电脑连手机热点算流量吗", "电脑连手机热点算流量吗"},
      {"幾點開門", "几点开门"}, {"个人养老金账户怎么开通", "个人养老金账户怎么开通"},
    };
    for (String[] m : mandarin) {
      assertThat(TextNormalizer.normalize(m[0])).as(m[0]).isEqualTo(m[1]);
    }
    assertThat(TextNormalizer.normalize("Where IS my Order")).isEqualTo("where is my order");
  }

  @Test
  void everyKeyIsAlreadySimplifiedSoThatItCanMatch() {
    Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
    assertThat(CantoneseFolding.table()).isNotEmpty().allSatisfy((key, mandarin) -> {
      assertThat(t2s.transliterate(key)).as(key).isEqualTo(key);
      assertThat(key).as(key).doesNotContainAnyWhitespaces();
    });
    assertThat(CantoneseFolding.table().keySet()).filteredOn(k -> k.length() == 1).contains("唔", "咗", "冇", "嘅", "喺");
    assertThat(TextNormalizer.describe()).matches("cantonese [0-9a-f]{16}");
  }
}
