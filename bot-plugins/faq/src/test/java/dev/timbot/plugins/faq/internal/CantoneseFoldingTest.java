package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CantoneseFoldingTest {
  @Test
  void writtenCantoneseReadsAsMandarinAfterTheTraditionalToSimplifiedTransform() {
    assertThat(TextNormalizer.normalize("喺泰國旅行嗰陣護照唔見咗 點算")).isEqualTo("在泰国旅行那阵护照不见了 怎么办");
    assertThat(TextNormalizer.normalize("點解有啲位揀唔到")).isEqualTo("为什么有些位拣不到");
    assertThat(TextNormalizer.normalize("我份申請去到邊度 幾耐先有")).isEqualTo("我份申请去到哪里 多久先有");
    assertThat(TextNormalizer.normalize("佢哋冇俾收據我")).isEqualTo("他们没有给收据我");
  }

  @Test
  void aPhraseWinsOverTheWordInsideIt() {
    assertThat(TextNormalizer.normalize("係唔係要預約")).isEqualTo("是不是要预约");
    assertThat(TextNormalizer.normalize("有冇得退")).isEqualTo("有没有得退");
    assertThat(TextNormalizer.normalize("我唔識用")).isEqualTo("我不会用");
    assertThat(TextNormalizer.normalize("仲未到賬")).isEqualTo("还没到账");
  }

  @Test
  void mandarinWordsThatShareACharacterWithCantoneseAreLeftAlone() {
    for (String mandarin : new String[] {"关系", "關係", "仲裁", "返工", "蚊子咬了", "听日语", "你呢", "联系客服",
        "个人养老金账户怎么开通"}) {
      String simplified = TextNormalizer.normalize(mandarin);
      assertThat(CantoneseFolding.fold(simplified)).as(mandarin).isEqualTo(simplified);
    }
    assertThat(TextNormalizer.normalize("關係")).isEqualTo("关系");
    assertThat(TextNormalizer.normalize("where is my order")).isEqualTo("where is my order");
  }
}
