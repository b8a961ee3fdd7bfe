package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-out sets of issue 18 (written before the tuning they check, each run first with the default of its time and a development set after: the answer model's weights are fitted on every set on main before its pass, ws38's on all but taxapp and mobilegame, FAQ39's bars chosen with the six from taxapp to entryexit; clinic is faq3's, parcel faq5's, campus faq7's, utility faq8's, insurance faqho8's, gym faq9's, carrental faq10's, property faqho10's, delivery faqho11's, coffee faqho12's, hotel faqho13's, ridehail faqho14's, streaming faqho16's, brokerage faqho17's, tutoring faqho18's, welfare faqho19's, evcharge faqho20's, railticket faqho21's, taxapp faqho38a's, mobilegame faqho38b's, phonecare faqho38c's, cinema faqho38d's, drivingschool faqho39a's, entryexit faqho39b's, petcare faqho39c's, cloudhost faqho39d's, themepark faqho39e's, rental faqho39f's, secondhand faqho39g's, smarthome faqho39h's, carservice faqho39i's, museum faqho39j's — these last twenty-five, and the twenty-eight after museum (sessions 40–42, each naming its writer in its header), written blind by helpers that never ran the engine): their shape,
 * and a regression floor for hybrid mode on the bank set with the real models. The floors are
 * what the engine measured when it was written, not the goals (see the branch notes).
 */
class HeldOutEvaluationTest {
  private static final Path DIR = Path.of("src/test/resources/kb");

  @Test
  void heldOutSetsAreBigBilingualAndHaveOutOfScopeQuestions() throws Exception {
    for (String set : List.of("telecom", "bank", "clinic", "parcel", "campus", "utility", "insurance", "gym", "carrental", "property", "delivery", "coffee", "hotel", "ridehail", "streaming", "brokerage", "tutoring", "welfare", "evcharge", "railticket", "taxapp", "mobilegame", "phonecare", "cinema", "drivingschool", "entryexit", "petcare", "cloudhost", "themepark", "rental", "secondhand", "smarthome", "carservice", "museum", "dental", "library", "wearable", "moving", "laundry", "ticketing", "bikeshare", "payroll", "gasutility", "coworking", "florist", "visaagency", "pharmacy", "parking", "examcentre", "appliancerepair", "travelagency", "recruiting", "transitcard", "childcare", "powerbank", "ebook", "freight", "legalconsult")) {
      KnowledgeBase kb = KnowledgeBase.load(DIR.resolve(set + "-faq.yaml")).orThrow();
      List<EvalCase> cases = EvalCase.readTsv(DIR.resolve(set + "-cases.tsv"));
      assertThat(cases).as(set).hasSizeGreaterThanOrEqualTo(150);
      assertThat(cases.stream().filter(c -> !c.inScope()).count()).as(set).isGreaterThanOrEqualTo(cases.size() / 10);
      assertThat(cases).filteredOn(EvalCase::inScope)
          .allSatisfy(c -> assertThat(kb.entry(c.expectedId())).as(set + " line " + c.line()).isPresent());
      assertThat(cases).extracting(EvalCase::query)
          .anyMatch(q -> q.matches(".*[帳單號碼轉換國開還錢].*"))
          .anyMatch(q -> q.matches("[a-z0-9 ',?]+"))
          .anyMatch(q -> q.matches(".*[a-zA-Z].*[\\u4e00-\\u9fff].*|.*[\\u4e00-\\u9fff].*[a-zA-Z].*"));
      List<String> phrasings = kb.entries().stream().flatMap(e -> e.questions().stream()).toList();
      assertThat(cases).extracting(EvalCase::query).noneMatch(phrasings::contains);
    }
  }

  @Test
  void theThirdHeldOutSetIsSmallerButAsVaried() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(DIR.resolve("airline-faq.yaml")).orThrow();
    List<EvalCase> cases = EvalCase.readTsv(DIR.resolve("airline-cases.tsv"));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    assertThat(cases.stream().filter(c -> !c.inScope()).count()).isGreaterThanOrEqualTo(cases.size() / 10);
    assertThat(cases).filteredOn(EvalCase::inScope)
        .allSatisfy(c -> assertThat(kb.entry(c.expectedId())).as("line " + c.line()).isPresent());
    List<String> phrasings = kb.entries().stream().flatMap(e -> e.questions().stream()).toList();
    assertThat(cases).extracting(EvalCase::query).noneMatch(phrasings::contains)
        .anyMatch(q -> q.matches("[a-z0-9 ',?-]+"))
        .anyMatch(q -> q.matches(".*[機票誤現兌].*"));
  }

  @Test
  void hybridBeatsBm25OnTheBankSetWithFewFalseAnswers() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(DIR.resolve("bank-faq.yaml")).orThrow();
    List<EvalCase> cases = EvalCase.readTsv(DIR.resolve("bank-cases.tsv"));
    Path data = RealModel.dataDir();
    SemanticIndex index = SemanticIndex.build(kb,
        EmbeddingCaches.bundled(data.resolve("vectors"), data.resolve("native"), true),
        null, SemanticSettings.DEFAULT_FALSE_BUDGET, SemanticIndex.Progress.NONE);
    EvalReport lexical;
    try (FaqEngine engine = FaqEngine.build(kb)) {
      lexical = FaqEvaluator.evaluate(engine, cases);
    }
    try (FaqEngine engine = FaqEngine.build(kb, FaqConfig.defaults(), RetrievalMode.HYBRID, index)) {
      EvalReport hybrid = FaqEvaluator.evaluate(engine, cases);
      System.out.print(hybrid.summary());
      assertThat(hybrid.top1Accuracy()).isGreaterThan(lexical.top1Accuracy() + 0.08).isGreaterThanOrEqualTo(0.82);
      assertThat(hybrid.directAnswerRate()).isGreaterThanOrEqualTo(0.58);
      assertThat(hybrid.falseAnswerRate()).isLessThanOrEqualTo(0.05);
    }
  }
}
