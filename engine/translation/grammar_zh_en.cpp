// Chinese to English. Chinese counts nouns with a measure word between the
// number and the noun (两只猫, two cats; 一杯茶, a cup of tea); marks a
// completed action with 了 after the verb where English changes the verb
// (我吃了一个苹果, I ate an apple); puts time words before the verb, where
// English puts them at the end (他明天去学校, He will go to school
// tomorrow); and has no articles, no copula before adjectives (这本书很小,
// This book is very small) and no spaces: every character is a token, and
// every character of a word is linked to the word's translation. Links
// follow the shipped zh-en corpus: measure words possible to the noun
// (杯 sure to "cup"), 了 possible to the past verb, 的 to the possessive,
// do-support, "will" and "to" possible to the verb, 吗 possible to the
// English auxiliary that opens the question.
#include "translation/grammar_builder.h"

namespace ap::grammar {

namespace {

struct Subject {
    std::string zh, en;
    int person;              // 0: I, 1: he/she, 2: we/they/you
    std::string possessive;  // my, his, ...
};
const std::vector<Subject> kSubjects = {{"我", "I", 0, "my"},     {"你", "you", 2, "your"},
                                        {"他", "he", 1, "his"},   {"她", "she", 1, "her"},
                                        {"我们", "we", 2, "our"}, {"他们", "they", 2, "their"}};

struct Activity {
    std::string verb, en, en3, past;
    std::vector<std::string> object, objectEn;  // generic object, word by word
};
const std::vector<Activity> kActivities = {
    {"打", "play", "plays", "played", {"游戏"}, {"games"}},
    {"打", "play", "plays", "played", {"电脑", "游戏"}, {"computer", "games"}},
    {"喝", "drink", "drinks", "drank", {"茶"}, {"tea"}},
    {"吃", "eat", "eats", "ate", {"苹果"}, {"apples"}},
    {"看", "read", "reads", "read", {"书"}, {"books"}},
};

struct Countable {
    std::string noun, measure, en, enPlural;
};
const std::vector<Countable> kCountables = {{"书", "本", "book", "books"},
                                            {"猫", "只", "cat", "cats"},
                                            {"狗", "只", "dog", "dogs"},
                                            {"苹果", "个", "apple", "apples"},
                                            {"电脑", "台", "computer", "computers"}};

bool vowel(const std::string& en) { return std::string("aeiou").find(en[0]) != std::string::npos; }

// NUM MW [ADJ] N / a [adj] noun, two [adj] nouns; 杯 for tea.
// `verb` restricts the nouns to what it takes: 看 books, 吃 apples.
void countedObject(Sentence& s, Rng& rng, bool tea, const std::string& verb = "") {
    const int n = rng.below(3);
    const char* num[3] = {"一", "两", "三"};
    const int nd = s.src(num[n]);
    if (tea) {
        const int cup = s.src("杯"), t = s.src("茶");
        const int ne = s.tgt(n == 0 ? "a" : n == 1 ? "two" : "three");
        s.sure(nd, ne);
        s.sure(cup, s.tgt(n == 0 ? "cup" : "cups"));
        s.possible(cup, s.tgt("of"));
        s.sure(t, s.tgt("tea"));
        return;
    }
    const Countable& c = verb == "看" ? kCountables[0] : verb == "吃" ? kCountables[3] : rng.pick(kCountables);
    const int md = s.src(c.measure);
    const bool adjective = c.noun != "书" && c.noun != "电脑" && rng.chance(30);
    const bool big = rng.chance(50);
    const int ad = adjective ? s.src(big ? "大" : "小") : -1;
    const int cd = s.src(c.noun);
    const std::string first = adjective ? (big ? "big" : "small") : (n == 0 ? c.en : c.enPlural);
    const int ne = s.tgt(n == 0 ? (vowel(first) ? "an" : "a") : n == 1 ? "two" : "three");
    s.sure(nd, ne);
    if (adjective) s.sure(ad, s.tgt(big ? "big" : "small"));
    const int noun = s.tgt(n == 0 ? c.en : c.enPlural);
    s.sure(cd, noun);
    s.possible(md, noun);
}

void subjectWords(Sentence& s, const Subject& su, int& zh, int& en) {
    zh = s.src(su.zh);
    en = s.tgt(su.en);
    s.sure(zh, en);
}

}  // namespace

Sentence zhEn(Rng& rng) {
    Sentence s;
    const Subject& su = rng.pick(kSubjects);
    const int p = su.person;
    const int kind = rng.below(14);
    int sz = 0, se = 0;
    if (kind <= 2) {  // [TIME] S [TIME] [在 PLACE] V [了] O
        const Activity& a = rng.pick(kActivities);
        const int time = rng.below(4);  // none, today, tomorrow, yesterday
        const char* zhTime[4] = {"", "今天", "明天", "昨天"};
        const char* enTime[4] = {"", "today", "tomorrow", "yesterday"};
        const bool timeFirst = time == 1 && rng.chance(50);
        const bool atHome = time != 3 && rng.chance(20);
        int td = -1;
        if (timeFirst) td = s.src(zhTime[time]);
        sz = s.src(su.zh);
        if (time > 0 && !timeFirst) td = s.src(zhTime[time]);
        int zai = -1, place = -1;
        if (atHome) {
            zai = s.src("在");
            place = s.src(rng.chance(50) ? "家" : "学校");
        }
        const int vd = s.src(a.verb);
        const int le = time == 3 ? s.src("了") : -1;
        std::vector<int> od;
        for (const std::string& w : a.object) od.push_back(s.src(w));
        if (timeFirst) s.sure(td, s.tgt("today"));
        se = s.tgt(su.en);
        s.sure(sz, se);
        if (time == 2) {
            s.possible(vd, s.tgt("will"));
            s.sure(vd, s.tgt(a.en));
        } else if (time == 3) {
            const int past = s.tgt(a.past);
            s.sure(vd, past);
            s.possible(le, past);
        } else {
            s.sure(vd, s.tgt(p == 1 ? a.en3 : a.en));
        }
        for (std::size_t k = 0; k < od.size(); ++k) s.sure(od[k], s.tgt(a.objectEn[k]));
        if (atHome) {
            s.sure(zai, s.tgt("at"));
            s.sure(place, s.tgt(s.source[std::size_t(place)] == "家" ? "home" : "school"));
        }
        if (time > 0 && !timeFirst) s.sure(td, s.tgt(enTime[time]));
    } else if (kind == 3) {  // S [昨天] V 了 NUM MW N / S V-past a N [yesterday]
        const bool yesterday = rng.chance(40);
        sz = s.src(su.zh);
        const int td = yesterday ? s.src("昨天") : -1;
        const int which = rng.below(4);  // eat, buy, drink, read
        const char* zhVerb[4] = {"吃", "买", "喝", "看"};
        const char* enPast[4] = {"ate", "bought", "drank", "read"};
        const int vd = s.src(zhVerb[which]), le = s.src("了");
        se = s.tgt(su.en);
        s.sure(sz, se);
        const int past = s.tgt(enPast[which]);
        s.sure(vd, past);
        s.possible(le, past);
        countedObject(s, rng, which == 2, zhVerb[which]);
        if (yesterday) s.sure(td, s.tgt("yesterday"));
    } else if (kind == 4) {  // S 有/买 NUM MW N
        subjectWords(s, su, sz, se);
        const bool buy = rng.chance(30);
        s.sure(s.src(buy ? "买" : "有"), s.tgt(buy ? (p == 1 ? "buys" : "buy") : (p == 1 ? "has" : "have")));
        countedObject(s, rng, false);
    } else if (kind == 5) {  // S 不 V O / S do(es) not V O
        const Activity& a = rng.pick(kActivities);
        sz = s.src(su.zh);
        const int bu = s.src("不"), vd = s.src(a.verb);
        std::vector<int> od;
        for (const std::string& w : a.object) od.push_back(s.src(w));
        se = s.tgt(su.en);
        s.sure(sz, se);
        s.possible(vd, s.tgt(p == 1 ? "does" : "do"));
        s.sure(bu, s.tgt("not"));
        s.sure(vd, s.tgt(a.en));
        for (std::size_t k = 0; k < od.size(); ++k) s.sure(od[k], s.tgt(a.objectEn[k]));
    } else if (kind == 6) {  // 你 V O 吗 / Do you V O
        const Activity& a = rng.pick(kActivities);
        const int yd = s.src("你"), vd = s.src(a.verb);
        std::vector<int> od;
        for (const std::string& w : a.object) od.push_back(s.src(w));
        const int ma = s.src("吗");
        const int doEn = s.tgt("do");
        s.possible(vd, doEn);
        s.possible(ma, doEn);
        s.sure(yd, s.tgt("you"));
        s.sure(vd, s.tgt(a.en));
        for (std::size_t k = 0; k < od.size(); ++k) s.sure(od[k], s.tgt(a.objectEn[k]));
    } else if (kind == 7) {  // S 喜欢 N / S 喜欢 V O
        subjectWords(s, su, sz, se);
        const int like = s.src("喜欢");
        s.sure(like, s.tgt(p == 1 ? "likes" : "like"));
        if (rng.chance(50)) {
            const char* zh[4] = {"猫", "狗", "茶", "苹果"};
            const char* en[4] = {"cats", "dogs", "tea", "apples"};
            const int k = rng.below(4);
            const bool small = k < 2 && rng.chance(30);
            const int ad = small ? s.src("小") : -1;
            const int nd = s.src(zh[k]);
            if (small) s.sure(ad, s.tgt("small"));
            s.sure(nd, s.tgt(en[k]));
        } else {
            const Activity& a = rng.pick(kActivities);
            const int vd = s.src(a.verb);
            s.possible(vd, s.tgt("to"));
            s.sure(vd, s.tgt(a.en));
            for (const std::string& w : a.object) s.src(w);
            for (std::size_t k = 0; k < a.object.size(); ++k)
                s.sure(int(s.source.size() - a.object.size() + k), s.tgt(a.objectEn[k]));
        }
    } else if (kind == 8) {  // S [不] 是 学生 [吗] / S am [not] a student
        const bool question = p == 2 && su.zh == "你" && rng.chance(50);
        const bool negated = !question && rng.chance(30);
        sz = s.src(su.zh);
        const int bu = negated ? s.src("不") : -1;
        const int shi = s.src("是"), xs = s.src("学生");
        const int ma = question ? s.src("吗") : -1;
        const bool plural = su.zh == "我们" || su.zh == "他们";
        const std::string be = p == 0 ? "am" : p == 1 ? "is" : "are";
        if (question) {
            const int are = s.tgt("are");
            s.sure(shi, are);
            s.possible(ma, are);
            se = s.tgt(su.en);
            s.sure(sz, se);
        } else {
            se = s.tgt(su.en);
            s.sure(sz, se);
            s.sure(shi, s.tgt(be));
            if (negated) s.sure(bu, s.tgt("not"));
        }
        if (!plural) s.possible(xs, s.tgt("a"));
        s.sure(xs, s.tgt(plural ? "students" : "student"));
    } else if (kind == 9) {  // 这/那 是 NUM MW N | S的 N / This is a N | his N
        const bool that = rng.chance(50);
        const int dd = s.src(that ? "那" : "这");
        const int shi = s.src("是");
        s.sure(dd, s.tgt(that ? "that" : "this"));
        s.sure(shi, s.tgt("is"));
        if (rng.chance(50)) {
            const Countable& c = rng.pick(kCountables);
            const int one = s.src("一"), md = s.src(c.measure), nd = s.src(c.noun);
            s.sure(one, s.tgt(vowel(c.en) ? "an" : "a"));
            const int noun = s.tgt(c.en);
            s.sure(nd, noun);
            s.possible(md, noun);
        } else {
            const Countable& c = rng.pick(kCountables);
            const int owner = s.src(su.zh), de = s.src("的"), nd = s.src(c.noun);
            const int pos = s.tgt(su.possessive);
            s.sure(owner, pos);
            s.possible(de, pos);
            s.sure(nd, s.tgt(c.en));
        }
    } else if (kind == 10) {  // 这 MW N 很 ADJ | S的 N 很 ADJ / This N is very ADJ
        const Countable& c = rng.pick(kCountables);
        int noun = -1;
        if (rng.chance(50)) {
            const bool that = rng.chance(50);
            const int dd = s.src(that ? "那" : "这"), md = s.src(c.measure), nd = s.src(c.noun);
            s.sure(dd, s.tgt(that ? "that" : "this"));
            noun = s.tgt(c.en);
            s.sure(nd, noun);
            s.possible(md, noun);
        } else {
            const int owner = s.src(su.zh), de = s.src("的"), nd = s.src(c.noun);
            const int pos = s.tgt(su.possessive);
            s.sure(owner, pos);
            s.possible(de, pos);
            noun = s.tgt(c.en);
            s.sure(nd, noun);
        }
        const int hen = s.src("很");
        const bool big = rng.chance(50);
        const int ad = s.src(big ? "大" : "小");
        const int is = s.tgt("is");
        s.possible(ad, is);
        s.sure(hen, s.tgt("very"));
        s.sure(ad, s.tgt(big ? "big" : "small"));
    } else if (kind == 11) {  // S [TIME] 在 家/学校 / S is at home [today]
        sz = s.src(su.zh);
        const bool today = rng.chance(40);
        const int td = today ? s.src("今天") : -1;
        const int zai = s.src("在");
        const bool home = rng.chance(50);
        const int place = s.src(home ? "家" : "学校");
        se = s.tgt(su.en);
        s.sure(sz, se);
        const int be = s.tgt(p == 0 ? "am" : p == 1 ? "is" : "are");
        s.possible(zai, be);
        s.sure(zai, s.tgt("at"));
        s.sure(place, s.tgt(home ? "home" : "school"));
        if (today) s.sure(td, s.tgt("today"));
    } else if (kind == 13) {  // a bare verb phrase: 打电脑游戏 / play computer game
        const Activity& a = rng.pick(kActivities);
        s.sure(s.src(a.verb), s.tgt(a.en));
        for (std::size_t k = 0; k < a.object.size(); ++k) {
            const std::string& en = a.objectEn[k];
            s.sure(s.src(a.object[k]), s.tgt(en == "games"    ? "game"
                                             : en == "apples" ? "apple"
                                             : en == "books"  ? "book"
                                                              : en));
        }
    } else {  // S [TIME] 去 [了] 学校 / S go(es) / will go / went to school [TIME]
        sz = s.src(su.zh);
        const int time = rng.below(3);  // today, tomorrow, yesterday
        const char* zhTime[3] = {"今天", "明天", "昨天"};
        const char* enTime[3] = {"today", "tomorrow", "yesterday"};
        const int td = s.src(zhTime[time]);
        const int qu = s.src("去");
        const int le = time == 2 ? s.src("了") : -1;
        const int school = s.src("学校");
        se = s.tgt(su.en);
        s.sure(sz, se);
        int verb = -1;
        if (time == 1) {
            s.possible(qu, s.tgt("will"));
            verb = s.tgt("go");
        } else if (time == 2) {
            verb = s.tgt("went");
            s.possible(le, verb);
        } else {
            verb = s.tgt(p == 1 ? "goes" : "go");
        }
        s.sure(qu, verb);
        s.possible(qu, s.tgt("to"));
        s.sure(school, s.tgt("school"));
        s.sure(td, s.tgt(enTime[time]));
    }
    return s;
}

}  // namespace ap::grammar
