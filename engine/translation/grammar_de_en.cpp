// German to English. German main clauses put the finite verb second, so a
// fronted time adverb pushes the subject after it (Heute spiele ich
// Fußball, Today I play football); subordinate clauses put it last (weil
// ich müde bin, because I am tired), and so do infinitives after a modal
// and participles after the perfect auxiliary; separable verbs leave their
// particle at the end of the main clause (Ich stehe früh auf, I get up
// early) and join it in a subordinate one (weil ich früh aufstehe). Links
// follow the shipped de-en corpus: "im" is sure to "in" and "the"; both
// parts of a separable verb are sure to its English verb (with "get up",
// verb and particle are sure to their counterparts and possible to each
// other's); the perfect auxiliary is possible to the English past; "gern"
// is sure to "like"; "to", "do"/"does" and "will" are possible to the verb.
#include "translation/grammar_builder.h"

namespace ap::grammar {

namespace {

struct Subject {
    std::string de, en;
    int person;  // 0: ich, 1: er/sie/es, 2: wir
    bool nounPhrase;
};
struct Verb {
    std::string de[3], infinitive, participle, en, en3, past;
};
struct Object {
    std::vector<std::string> de, en;  // aligned word by word
};

const std::vector<Subject> kSubjects = {{"ich", "I", 0, false},           {"er", "he", 1, false},
                                        {"sie", "she", 1, false},         {"wir", "we", 2, false},
                                        {"der Hund", "the dog", 1, true}, {"die Katze", "the cat", 1, true}};
const Verb kPlay{{"spiele", "spielt", "spielen"}, "spielen", "gespielt", "play", "plays", "played"};
const Verb kRead{{"lese", "liest", "lesen"}, "lesen", "gelesen", "read", "reads", "read"};
const Verb kHave{{"habe", "hat", "haben"}, "haben", "gehabt", "have", "has", "had"};
const std::string kBe[3] = {"bin", "ist", "sind"};
const std::string kBeEn[3] = {"am", "is", "are"};
const std::string kKnow[3] = {"weiß", "weiß", "wissen"};
const std::string kWant[3] = {"will", "will", "wollen"};

Object objectOf(const Verb& v, Rng& rng) {
    if (&v == &kPlay) return {{"Fußball"}, {"football"}};
    if (&v == &kRead)
        return rng.chance(50) ? Object{{"ein", "Buch"}, {"a", "book"}} : Object{{"das", "Buch"}, {"the", "book"}};
    switch (rng.below(3)) {
    case 0: return {{"eine", "Katze"}, {"a", "cat"}};
    case 1: return {{"ein", "Haus"}, {"a", "house"}};
    default: return {{"einen", "Hund"}, {"a", "dog"}};
    }
}

const Verb& anyVerb(Rng& rng, bool withHave) {
    const int k = rng.below(withHave ? 3 : 2);
    return k == 0 ? kPlay : k == 1 ? kRead : kHave;
}

// Adds the words of a multi-word item, the German side first, and links
// them pairwise (they line up word for word in every item used here).
struct Placed {
    std::vector<int> de, en;
};
std::vector<int> addDe(Sentence& s, const std::vector<std::string>& words) {
    std::vector<int> at;
    for (const std::string& w : words) at.push_back(s.src(w));
    return at;
}
std::vector<int> addEn(Sentence& s, const std::vector<std::string>& words) {
    std::vector<int> at;
    for (const std::string& w : words) at.push_back(s.tgt(w));
    return at;
}
void linkPairwise(Sentence& s, const std::vector<int>& de, const std::vector<int>& en) {
    for (std::size_t k = 0; k < de.size() && k < en.size(); ++k) s.sure(de[k], en[k]);
}
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t sp = text.find(' ', start);
        out.push_back(text.substr(start, sp - start));
        if (sp == std::string::npos) return out;
        start = sp + 1;
    }
}

// The German subject goes where the clause puts it; its English words are
// added by the caller's order. Returns the German positions.
std::vector<int> subjectDe(Sentence& s, const Subject& su) { return addDe(s, words(su.de)); }
std::vector<int> subjectEn(Sentence& s, const Subject& su) { return addEn(s, words(su.en)); }

const Subject& anySubject(Rng& rng) { return rng.pick(kSubjects); }

// A subordinate clause, verb last: "er müde ist", "ich ein Buch lese",
// "er Fußball gespielt hat", "ich früh aufstehe". English order S V O.
void subordinate(Sentence& s, Rng& rng) {
    const Subject& su = anySubject(rng);
    const std::vector<int> sd = subjectDe(s, su);
    const int kind = rng.below(4);
    if (kind == 0) {  // ADJ bin
        const std::string adj = rng.chance(70) ? "müde" : (rng.chance(50) ? "groß" : "klein");
        const std::string adjEn = adj == "müde" ? "tired" : adj == "groß" ? "big" : "small";
        const int a = s.src(adj), v = s.src(kBe[su.person]);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(v, s.tgt(kBeEn[su.person]));
        s.sure(a, s.tgt(adjEn));
    } else if (kind == 1) {  // O V
        const Verb& v = anyVerb(rng, false);
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        const int vd = s.src(v.de[su.person]);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(su.person == 1 ? v.en3 : v.en));
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 2) {  // O gespielt hat / played O
        const Verb& v = rng.chance(70) ? kPlay : kRead;
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        const int part = s.src(v.participle), aux = s.src(kHave.de[su.person]);
        linkPairwise(s, sd, subjectEn(s, su));
        const int past = s.tgt(v.past);
        s.sure(part, past);
        s.possible(aux, past);
        linkPairwise(s, od, addEn(s, o.en));
    } else {  // früh aufstehe / get up early
        const std::string stem[3] = {"aufstehe", "aufsteht", "aufstehen"};
        const int early = s.src("früh"), v = s.src(stem[su.person]);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(v, s.tgt(su.person == 1 ? "gets" : "get"));
        s.sure(v, s.tgt("up"));
        s.sure(early, s.tgt("early"));
    }
}

}  // namespace

Sentence deEn(Rng& rng) {
    Sentence s;
    const Subject& su = anySubject(rng);
    const int p = su.person;
    const int kind = rng.below(14);
    if (kind <= 1) {  // S V [heute] O / S V O [today]
        const Verb& v = anyVerb(rng, true);
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(v.de[p]);
        const bool today = rng.chance(40);
        const int hd = today ? s.src("heute") : -1;
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(p == 1 ? v.en3 : v.en));
        linkPairwise(s, od, addEn(s, o.en));
        if (today) s.sure(hd, s.tgt("today"));
    } else if (kind <= 3) {  // Heute/Morgen V S O: verb second
        const Verb& v = anyVerb(rng, true);
        const bool tomorrow = rng.chance(40);
        const int td = s.src(tomorrow ? "morgen" : "heute");
        const int vd = s.src(v.de[p]);
        const std::vector<int> sd = subjectDe(s, su);
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        s.sure(td, s.tgt(tomorrow ? "tomorrow" : "today"));
        linkPairwise(s, sd, subjectEn(s, su));
        if (tomorrow) {
            s.possible(vd, s.tgt("will"));
            s.sure(vd, s.tgt(v.en));
        } else {
            s.sure(vd, s.tgt(p == 1 ? v.en3 : v.en));
        }
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 4) {  // S V oft O / S often V O
        const Verb& v = rng.chance(60) ? kPlay : kRead;
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(v.de[p]), od_ = s.src("oft");
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(od_, s.tgt("often"));
        s.sure(vd, s.tgt(p == 1 ? v.en3 : v.en));
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 5) {  // S V gern [O] / S like(s) to V [O]
        const Verb& v = rng.chance(60) ? kPlay : kRead;
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(v.de[p]), gd = s.src("gern");
        const bool withObject = rng.chance(60);
        Object o;
        std::vector<int> od;
        if (withObject) {
            o = objectOf(v, rng);
            od = addDe(s, o.de);
        }
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(gd, s.tgt(p == 1 ? "likes" : "like"));
        s.possible(vd, s.tgt("to"));
        s.sure(vd, s.tgt(v.en));
        if (withObject) linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 6) {  // S V O nicht / S do(es) not V O
        const Verb& v = rng.chance(60) ? kPlay : kRead;
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(v.de[p]);
        // "nicht" negates a definite object; "ein" would become "kein".
        const Object o = &v == &kPlay ? objectOf(v, rng) : Object{{"das", "Buch"}, {"the", "book"}};
        const std::vector<int> od = addDe(s, o.de);
        const int nd = s.src("nicht");
        linkPairwise(s, sd, subjectEn(s, su));
        s.possible(vd, s.tgt(p == 1 ? "does" : "do"));
        s.sure(nd, s.tgt("not"));
        s.sure(vd, s.tgt(v.en));
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 7) {  // S habe O gespielt / S played O
        const Verb& v = rng.chance(70) ? kPlay : kRead;
        const std::vector<int> sd = subjectDe(s, su);
        const int aux = s.src(kHave.de[p]);
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        const int part = s.src(v.participle);
        linkPairwise(s, sd, subjectEn(s, su));
        const int past = s.tgt(v.past);
        s.sure(part, past);
        s.possible(aux, past);
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 8) {  // S will O V-inf / S want(s) to V O
        const Verb& v = rng.chance(60) ? kPlay : kRead;
        const std::vector<int> sd = subjectDe(s, su);
        const int md = s.src(kWant[p]);
        const Object o = objectOf(v, rng);
        const std::vector<int> od = addDe(s, o.de);
        const int inf = s.src(v.infinitive);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(md, s.tgt(p == 1 ? "wants" : "want"));
        s.possible(inf, s.tgt("to"));
        s.sure(inf, s.tgt(v.en));
        linkPairwise(s, od, addEn(s, o.en));
    } else if (kind == 9) {  // separable verbs
        const std::vector<int> sd = subjectDe(s, su);
        if (rng.chance(50)) {  // S stehe [heute] früh auf / S get(s) up early [today]
            const std::string stem[3] = {"stehe", "steht", "stehen"};
            const int vd = s.src(stem[p]);
            const bool today = rng.chance(40);
            const int hd = today ? s.src("heute") : -1;
            const int fd = s.src("früh"), ad = s.src("auf");
            linkPairwise(s, sd, subjectEn(s, su));
            const int get = s.tgt(p == 1 ? "gets" : "get"), up = s.tgt("up");
            s.sure(vd, get);
            s.sure(ad, up);
            s.possible(vd, up);
            s.possible(ad, get);
            s.sure(fd, s.tgt("early"));
            if (today) s.sure(hd, s.tgt("today"));
        } else {  // S ruft mich [oft] an / S [often] call(s) me
            const std::string stem[3] = {"rufe", "ruft", "rufen"};
            const int vd = s.src(stem[p]), md = s.src("mich");
            const bool often = rng.chance(40);
            const int od = often ? s.src("oft") : -1;
            const int ad = s.src("an");
            linkPairwise(s, sd, subjectEn(s, su));
            if (often) s.sure(od, s.tgt("often"));
            const int call = s.tgt(p == 1 ? "calls" : "call");
            s.sure(vd, call);
            s.sure(ad, call);
            s.sure(md, s.tgt("me"));
        }
    } else if (kind == 10) {  // S ist ADJ / im Haus
        const std::vector<int> sd = subjectDe(s, su);
        const bool inHouse = rng.chance(40);
        const bool play = inHouse && rng.chance(50);
        const int vd = s.src(play ? kPlay.de[p] : kBe[p]);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(play ? (p == 1 ? kPlay.en3 : kPlay.en) : kBeEn[p]));
        if (inHouse) {
            const int im = s.src("im"), haus = s.src("Haus");
            s.sure(im, s.tgt("in"));
            s.sure(im, s.tgt("the"));
            s.sure(haus, s.tgt("house"));
        } else {
            const int k = rng.below(3);
            const char* de[3] = {"müde", "groß", "klein"};
            const char* en[3] = {"tired", "big", "small"};
            s.sure(s.src(de[k]), s.tgt(en[k]));
        }
    } else if (kind == 11) {  // Im Haus spielt S / S plays in the house
        const int im = s.src("im"), haus = s.src("Haus");
        const int vd = s.src(kPlay.de[p]);
        const std::vector<int> sd = subjectDe(s, su);
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(p == 1 ? kPlay.en3 : kPlay.en));
        s.sure(im, s.tgt("in"));
        s.sure(im, s.tgt("the"));
        s.sure(haus, s.tgt("house"));
    } else if (kind == 12) {  // S weiß dass SUB / S know(s) that SUB
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(kKnow[p]), dd = s.src("dass");
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(p == 1 ? "knows" : "know"));
        s.sure(dd, s.tgt("that"));
        subordinate(s, rng);
    } else {  // S bin müde weil SUB / S am tired because SUB
        const std::vector<int> sd = subjectDe(s, su);
        const int vd = s.src(kBe[p]), ad = s.src("müde"), wd = s.src("weil");
        linkPairwise(s, sd, subjectEn(s, su));
        s.sure(vd, s.tgt(kBeEn[p]));
        s.sure(ad, s.tgt("tired"));
        s.sure(wd, s.tgt("because"));
        subordinate(s, rng);
    }
    return s;
}

}  // namespace ap::grammar
