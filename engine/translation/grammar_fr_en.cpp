// French to English. French puts most adjectives after the noun (un chat
// noir, a black cat) and a few before it (un petit chat); articles,
// possessives and adjectives agree with the noun's gender (un/une, mon/ma,
// noir/noire); negation wraps the verb (ne ... pas), where English adds
// do-support (I do not eat). Links follow the shipped fr-en corpus: "pas"
// is sure to "not" and "ne" possible, "do"/"does" possible to the verb, an
// English article without a French one possible to its noun, "le X de
// Marie" / "Marie's X" with the article and "de" possible to "Marie's".
#include "translation/grammar_builder.h"

namespace ap::grammar {

namespace {

struct Noun {
    std::string fr, en;
    bool feminine;
};
struct Adjective {
    std::string masculine, feminine, en;
    bool beforeNoun;
};
struct Subject {
    std::string fr, en;
    int person;  // 0: je, 1: il/elle/name, 2: nous
};
struct Verb {
    std::string fr[3], en, en3;
    bool vowel;  // elides je and ne (j'aime, n'a): left out with them
};

const std::vector<Noun> kThings = {{"chat", "cat", false},      {"chien", "dog", false},   {"livre", "book", false},
                                   {"jardin", "garden", false}, {"maison", "house", true}, {"voiture", "car", true},
                                   {"pomme", "apple", true}};
const std::vector<Noun> kAnimals = {{"chat", "cat", false}, {"chien", "dog", false}};
const std::vector<Noun> kPlaces = {{"maison", "house", true}, {"voiture", "car", true}, {"jardin", "garden", false}};
const std::vector<Adjective> kAdjectives = {{"noir", "noire", "black", false},
                                            {"rouge", "rouge", "red", false},
                                            {"blanc", "blanche", "white", false},
                                            {"grand", "grande", "big", true},
                                            {"petit", "petite", "small", true}};
const std::vector<Subject> kSubjects = {{"je", "I", 0},    {"il", "he", 1},     {"elle", "she", 1},
                                        {"nous", "we", 2}, {"Paul", "Paul", 1}, {"Marie", "Marie", 1}};
const std::vector<std::string> kNames = {"Paul", "Marie"};
const Verb kSee{{"vois", "voit", "voyons"}, "see", "sees", false};
const Verb kEat{{"mange", "mange", "mangeons"}, "eat", "eats", false};
const Verb kLike{{"aime", "aime", "aimons"}, "like", "likes", true};
const Verb kRead{{"lis", "lit", "lisons"}, "read", "reads", false};
const Verb kHave{{"ai", "a", "avons"}, "have", "has", true};
const std::string kBe[3] = {"suis", "est", "sommes"};
const std::string kBeEn[3] = {"am", "is", "are"};

enum class Det { Definite, Indefinite, Possessive };

// "a" becomes "an" before a vowel, which depends on the English word after
// it: filled in once the noun phrase is complete.
void fixArticle(Sentence& s, int article) {
    if (s.target[std::size_t(article)] == "a" && std::size_t(article + 1) < s.target.size() &&
        std::string("aeiou").find(s.target[std::size_t(article + 1)][0]) != std::string::npos)
        s.target[std::size_t(article)] = "an";
}

// det [pre-adjective] noun [post-adjective] / det [adjective] noun.
void nounPhrase(Sentence& s, Rng& rng, const Noun& n, Det det, int adjectivePercent) {
    const char* fr[3][2] = {{"le", "la"}, {"un", "une"}, {"mon", "ma"}};
    const char* en[3] = {"the", "a", "my"};
    const int d = int(det);
    const int fd = s.src(fr[d][n.feminine]);
    const int ed = s.tgt(en[d]);
    s.sure(fd, ed);
    const Adjective* a = rng.chance(adjectivePercent) ? &rng.pick(kAdjectives) : nullptr;
    int fa = -1, ea = -1;
    if (a && a->beforeNoun) fa = s.src(n.feminine ? a->feminine : a->masculine);
    const int fn = s.src(n.fr);
    if (a && !a->beforeNoun) fa = s.src(n.feminine ? a->feminine : a->masculine);
    if (a) ea = s.tgt(a->en);
    const int en_ = s.tgt(n.en);
    s.sure(fn, en_);
    if (a) s.sure(fa, ea);
    fixArticle(s, ed);
}

Det anyDet(Rng& rng) { return Det(rng.below(3)); }

// A subject: a pronoun or name, or (when animals are allowed) "le chat".
int subject(Sentence& s, Rng& rng, bool allowNounPhrase, bool allowJe) {
    if (allowNounPhrase && rng.chance(30)) {
        nounPhrase(s, rng, rng.pick(kAnimals), rng.chance(50) ? Det::Definite : Det::Possessive, 30);
        return 1;
    }
    for (;;) {
        const Subject& su = rng.pick(kSubjects);
        if (su.person == 0 && !allowJe) continue;
        s.sure(s.src(su.fr), s.tgt(su.en));
        return su.person;
    }
}

const Noun& objectOf(const Verb& v, Rng& rng) {
    static const std::vector<Noun> apple = {{"pomme", "apple", true}};
    static const std::vector<Noun> book = {{"livre", "book", false}};
    if (&v == &kEat) return apple[0];
    if (&v == &kRead) return book[0];
    return rng.pick(kThings);
}

const Verb& transitive(Rng& rng, bool vowelAllowed) {
    static const std::vector<const Verb*> all = {&kSee, &kEat, &kLike, &kRead, &kHave};
    for (;;) {
        const Verb* v = rng.pick(all);
        if (vowelAllowed || !v->vowel) return *v;
    }
}

void possessiveObject(Sentence& s, Rng& rng, const Noun& n) {
    // le chat de Marie / Marie's cat
    const int le = s.src(n.feminine ? "la" : "le");
    const int noun = s.src(n.fr);
    const int de = s.src("de");
    const std::string& name = rng.pick(kNames);
    const int fname = s.src(name);
    const int owner = s.tgt(name + "'s");
    const int en = s.tgt(n.en);
    s.possible(le, owner);
    s.possible(de, owner);
    s.sure(fname, owner);
    s.sure(noun, en);
}

// "ne V pas" / "do not V": both halves of the French negation link to
// "not" (pas surely, ne possibly); the French verb links surely to the
// English verb and possibly to the auxiliary "do".
void negatedVerb(Sentence& s, int person, const Verb& v) {
    const int ne = s.src("ne"), fv = s.src(v.fr[person]), pas = s.src("pas");
    const int doEn = s.tgt(person == 1 ? "does" : "do"), notEn = s.tgt("not"), ev = s.tgt(v.en);
    s.possible(ne, notEn);
    s.sure(pas, notEn);
    s.sure(fv, ev);
    s.possible(fv, doEn);
}

}  // namespace

Sentence frEn(Rng& rng) {
    Sentence s;
    const int kind = rng.below(12);
    if (kind <= 2) {  // SUBJ V OBJ, or SUBJ V le N de NAME
        const int person = subject(s, rng, true, true);
        const Verb& v = transitive(rng, person != 0);
        s.sure(s.src(v.fr[person]), s.tgt(person == 1 ? v.en3 : v.en));
        const Noun& n = objectOf(v, rng);
        if (rng.chance(15))
            possessiveObject(s, rng, n);
        else
            nounPhrase(s, rng, n, anyDet(rng), 45);
    } else if (kind == 3) {  // SUBJ ne V pas OBJ / SUBJ do not V OBJ
        const int person = subject(s, rng, true, true);
        const Verb& v = transitive(rng, false);
        negatedVerb(s, person, v);
        // The indefinite article becomes "de" after a negation: definite
        // and possessive objects only.
        if (rng.chance(80)) nounPhrase(s, rng, objectOf(v, rng), rng.chance(60) ? Det::Definite : Det::Possessive, 30);
    } else if (kind == 4) {  // SUBJ [ne] mange [pas] [dans DET PLACE]
        const int person = subject(s, rng, true, true);
        const bool negated = rng.chance(40);
        if (negated) {
            negatedVerb(s, person, kEat);
        } else {
            s.sure(s.src(kEat.fr[person]), s.tgt(person == 1 ? kEat.en3 : kEat.en));
        }
        if (!negated || rng.chance(50)) {
            s.sure(s.src("dans"), s.tgt("in"));
            nounPhrase(s, rng, rng.pick(kPlaces), rng.chance(70) ? Det::Definite : Det::Possessive, 0);
        }
    } else if (kind <= 6) {  // NP est [très] ADJ, with agreement
        const Noun& n = rng.pick(kThings);
        nounPhrase(s, rng, n, rng.chance(50) ? Det::Definite : Det::Possessive, 25);
        s.sure(s.src("est"), s.tgt("is"));
        if (rng.chance(30)) s.sure(s.src("très"), s.tgt("very"));
        const Adjective& a = rng.pick(kAdjectives);
        s.sure(s.src(n.feminine ? a.feminine : a.masculine), s.tgt(a.en));
    } else if (kind == 7) {  // SUBJ [ne] être [pas] dans DET PLACE
        const int person = subject(s, rng, true, true);
        const bool negated = person != 1 && rng.chance(35);  // "n'est" elides
        const int ne = negated ? s.src("ne") : -1;
        const int fv = s.src(kBe[person]);
        const int pas = negated ? s.src("pas") : -1;
        s.sure(fv, s.tgt(kBeEn[person]));
        if (negated) {
            const int notEn = s.tgt("not");
            s.possible(ne, notEn);
            s.sure(pas, notEn);
        }
        s.sure(s.src("dans"), s.tgt("in"));
        nounPhrase(s, rng, rng.pick(kPlaces), rng.chance(70) ? Det::Definite : Det::Possessive, 0);
    } else if (kind == 8) {  // SUBJ [ne] est [pas] étudiant / SUBJ is [not] a student
        int person = 0;
        const Subject* su = nullptr;
        do su = &rng.pick(kSubjects);
        while (su->person == 2);  // "nous sommes étudiants" needs the plural
        person = su->person;
        s.sure(s.src(su->fr), s.tgt(su->en));
        const bool negated = person != 1 && rng.chance(35);  // "n'est" elides
        const int ne = negated ? s.src("ne") : -1;
        s.sure(s.src(kBe[person]), s.tgt(kBeEn[person]));
        if (negated) {
            const int pas = s.src("pas"), notEn = s.tgt("not");
            s.possible(ne, notEn);
            s.sure(pas, notEn);
        }
        const int a = s.tgt("a");
        const int student = s.src("étudiant");
        s.sure(student, s.tgt("student"));
        s.possible(student, a);
    } else if (kind == 9) {  // le N de NAME est ADJ / NAME's N is ADJ
        const Noun& n = rng.pick(kThings);
        possessiveObject(s, rng, n);
        s.sure(s.src("est"), s.tgt("is"));
        const Adjective& a = rng.pick(kAdjectives);
        s.sure(s.src(n.feminine ? a.feminine : a.masculine), s.tgt(a.en));
    } else if (kind == 10) {  // coordination: un chat et un chien; je vois Paul et Marie
        if (rng.chance(50)) {
            nounPhrase(s, rng, rng.pick(kThings), Det::Indefinite, 20);
            s.sure(s.src("et"), s.tgt("and"));
            nounPhrase(s, rng, rng.pick(kThings), Det::Indefinite, 20);
        } else {
            const int person = subject(s, rng, false, true);
            const Verb& v = rng.chance(50) ? kSee : kLike;
            if (person == 0 && v.vowel) {
                s.sure(s.src(kSee.fr[0]), s.tgt(kSee.en));
            } else {
                s.sure(s.src(v.fr[person]), s.tgt(person == 1 ? v.en3 : v.en));
            }
            s.sure(s.src("Paul"), s.tgt("Paul"));
            s.sure(s.src("et"), s.tgt("and"));
            s.sure(s.src("Marie"), s.tgt("Marie"));
        }
    } else {  // a noun phrase alone: un chat noir / a black cat
        nounPhrase(s, rng, rng.pick(kThings), anyDet(rng), 100);
    }
    return s;
}

}  // namespace ap::grammar
