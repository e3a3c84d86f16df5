//! The citation grammar: finds "Article 1(3) of the Charter", "Arts 57 & 63,
//! UN Charter", "UNHCR Statute, Art.11" or a bare "paragraph 26" in running
//! text, and says which instrument each one means.
//!
//! The instrument is, in order: one named right after the numbers ("of the
//! Charter", ", A/RES/70/296"), one named right before ("UNHCR Statute,
//! Art.11"), the one named most recently in the same block of text, or the
//! chapter's `instrument` front matter. "paragraph N" is a citation only when
//! that instrument numbers its paragraphs; a bare "the first article" is none.

mod definitions;
mod names;
mod phrase;

use names::unknown_symbols;
pub use names::{Aliases, Meant};

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How a citation was attributed to its instrument: named after it or
/// before it, the paragraph's, the chapter's (reported in
/// `references.json` as `resolved_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    /// Named right after the article number.
    NamedAfter,
    /// Named right before the keyword.
    NamedBefore,
    /// Named earlier in the same paragraph.
    Paragraph,
    /// With no instrument named before it nor in the front matter, the one
    /// named later in the same sentence ("(Article 5(1)(b) and Article
    /// 6(4)) COM underlined the approach of the GDPR").
    NamedLater,
    /// The chapter's `instrument` front matter.
    FrontMatter,
    /// An explicit `art:` link.
    Explicit,
    /// No instrument could be found.
    Unresolved,
    /// Named by a name two instruments share, in a chapter that does not
    /// say which it means.
    Ambiguous,
    /// Named as an instrument the edition does not hold ("of the Charter of
    /// Fundamental Rights"): left as text.
    Elsewhere,
    /// Bare, in a sentence that named such an instrument before it
    /// ("Article 47 of the Charter and Article 6"): it may be that one's,
    /// so it is left as text, with a warning.
    AfterElsewhere,
}

/// One citation as the grammar reads it in a text: where its words are,
/// the instrument and unit they mean, and how that was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The words to link, as a byte range of the text.
    pub range: Range<usize>,
    /// The instrument, by index into the alias table's instruments.
    pub instrument: Option<usize>,
    /// The address within the instrument: `1(3)`.
    pub address: String,
    /// How the instrument was chosen.
    pub how: Attribution,
    /// When the instrument came from the paragraph, the chapter's own
    /// instrument if it is another one: the citation may mean either.
    pub alternative: Option<usize>,
    /// For [`Attribution::Elsewhere`], where the text names the other instrument;
    /// for [`Attribution::Ambiguous`], where it writes the name two instruments share.
    pub named: Option<Range<usize>>,
    /// For a member of a range after its start ("Articles 15 to 22",
    /// "points (a) to (e)"), the address of the range's start. The members
    /// of one range share it and their words, the end last; those between
    /// are counted, and resolve puts in their place the units that stand
    /// between the ends in the instrument's own order.
    pub from: Option<String>,
}

/// The citation state carried through one block (paragraph, list item,
/// note), and the names the page has defined so far.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The instrument named most recently in this block.
    pub recent: Option<Meant>,
    /// The chapter's default instrument.
    pub default: Option<usize>,
    /// What `recent` was before another instrument's name (a
    /// [`Meant::Foreign`] mention) replaced it, for the sentences after
    /// that one.
    pub foreign_before: Option<Meant>,
    /// The names the page has defined ("(“the Convention”)"), in order; a
    /// later definition of the same name wins.
    pub defined: Vec<definitions::Defined>,
    /// The article the chapter comments on (front matter `clause`), as
    /// (instrument, article number): what "paragraph 3 of this article"
    /// means when the text names no other.
    pub clause: Option<(usize, String)>,
    /// The text is an instrument's own, and `clause` the article it is
    /// in: a bare "paragraph 1" is that article's.
    pub within: bool,
}

impl Context {
    /// Binds `name` to `instrument` for the page, as the chapter's front
    /// matter `means` table says.
    pub fn mean(&mut self, name: &str, instrument: usize) {
        let key = definitions::key(name);
        let written = name.trim();
        let written = written
            .strip_prefix("the ")
            .or_else(|| written.strip_prefix("The "))
            .unwrap_or(written)
            .to_string();
        self.defined.push(definitions::Defined {
            key,
            written,
            novel: false,
            instrument: Meant::Instrument(instrument),
        });
    }
}

/// The phrase of the same kind (articles, or a statute's sections)
/// joined to the one ending at `end` by ", ", " and " or ", and ".
fn coordinated(text: &str, end: usize, kind: Keyword) -> Option<phrase::Phrase> {
    let next = [", and ", ", or ", " and ", " or ", ", "]
        .iter()
        .find_map(|sep| text[end..].starts_with(sep).then(|| end + sep.len()))?;
    let (start, kw_end, keyword) = next_keyword(text, next)?;
    if start != next || keyword != kind {
        return None;
    }
    match kind {
        Keyword::Article => phrase::articles(text, kw_end, start),
        Keyword::Section => phrase::sections(text, kw_end, start, phrase::Decimal::Always),
        _ => None,
    }
}

/// What a citation phrase is followed by.
enum Named {
    /// An instrument of the edition.
    Edition(usize),
    /// An instrument the edition does not hold ("of the Charter of
    /// Fundamental Rights", "TFEU", "of Protocol No. 4"), or a name that makes
    /// it no citation ("Article 29 Working Party"): where that name is.
    Elsewhere(Range<usize>),
    /// "of that Directive", "thereof": the instrument named last; the noun,
    /// when there is one, says what kind of instrument it is.
    Recent(Option<Range<usize>>),
    /// A name two instruments of the edition share, where it is.
    Shared(Range<usize>),
    /// Nothing: the instrument comes from the context.
    Nothing,
}

/// The kinds of citation keyword.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Keyword {
    Article,
    Paragraph,
    Point,
    Ordinal,
    Recital,
    /// "Chapter III", "Section 2": linked only when an instrument of the
    /// edition is named right after ("Chapter III of the GDPR"), since a
    /// commentary has chapters of its own.
    Container,
    /// "section 3(1)", "ss 14 and 15": a statute's section, as an article;
    /// of an instrument that has no sections ("Section 2 of Chapter III
    /// GDPR"), a container.
    Section,
    /// "Rule 39", "Principles 9 and 10": a unit of rules or principles,
    /// of an instrument numbered so (the Rules of Court), of no other.
    Unit,
    /// "§ 1522(a)", "§§ 1523 and 1524": a section of a statute whose
    /// sections are headed with the sign (the United States Code); of no
    /// other instrument, since "§ 43" of a judgment is a paragraph of it.
    SectionSign,
}

/// Finds the citations in `text`, updating `context` with the names it mentions.
pub fn scan(text: &str, aliases: &Aliases, context: &mut Context) -> Vec<Reading> {
    let mut mentions = aliases.mentions(text, context);
    let defined = definitions::find(text, &mentions, aliases);
    if let Some(&(from, _)) = defined.first() {
        // From the first definition's bracket on, its names mean what it says.
        context.defined.extend(defined.into_iter().map(|(_, d)| d));
        let mut after = aliases.mentions(text, context);
        after.retain(|(r, _)| r.start >= from);
        mentions.retain(|(r, _)| r.start < from);
        mentions.extend(after);
    }
    let mut found = Vec::new();
    let mut mention = 0;
    let mut pos = 0;
    // Where in this text the most recent name ends, if it is in this text.
    let mut recent_end: Option<usize> = None;
    // Where the most recent name two instruments share is, in this text.
    let mut recent_shared: Option<Range<usize>> = None;
    // The article cited last in this text (instrument, number, how found,
    // where its citation ends), for "paragraph 3 of this article".
    let mut last_article: Option<(Option<usize>, String, Attribution, usize)> = None;
    while let Some((kw_start, kw_end, keyword)) = next_keyword(text, pos) {
        while mention < mentions.len() && mentions[mention].0.end <= kw_start {
            if mentions[mention].1 == Meant::Foreign {
                context.foreign_before = context
                    .recent
                    .filter(|&r| r != Meant::Foreign)
                    .or(context.foreign_before);
            }
            context.recent = Some(aliases.context_after(text, &mentions[mention], found.last()));
            recent_end = Some(mentions[mention].0.end);
            recent_shared =
                (mentions[mention].1 == Meant::Ambiguous).then(|| mentions[mention].0.clone());
            mention += 1;
        }
        // Another instrument's name in an earlier sentence no longer decides.
        if context.recent == Some(Meant::Foreign)
            && recent_end.is_none_or(|e| text[e..kw_start].contains(". "))
        {
            context.recent = context.foreign_before.take();
        }
        // "paragraph 13 of the Schedule", "point 3 of Annex I": of the
        // annex of the instrument named after it or in view, if it has one.
        if matches!(keyword, Keyword::Paragraph | Keyword::Point)
            && let Some((p, annex)) = phrase::of_annex(text, kw_end, kw_start)
        {
            let (instrument, how) = match named_after(text, p.end, aliases, context) {
                Named::Edition(i) => (Some(i), Attribution::NamedAfter),
                Named::Nothing => match (context.recent, context.default) {
                    (Some(Meant::Instrument(i)), _) => (Some(i), Attribution::Paragraph),
                    (None, Some(i)) => (Some(i), Attribution::FrontMatter),
                    _ => (None, Attribution::Unresolved),
                },
                _ => (None, Attribution::Unresolved),
            };
            let end = p.end;
            if let Some(i) = instrument.filter(|&i| aliases.has_annex(i, &annex)) {
                found.extend(p.members.into_iter().map(|m| Reading {
                    range: m.words,
                    instrument: Some(i),
                    address: m.address,
                    how,
                    alternative: None,
                    named: None,
                    from: m.from,
                }));
            }
            // The edition's own annexes ("paragraph 2 of Annex 3" of a
            // commentary) are no instrument's.
            pos = end;
            continue;
        }
        // "paragraph 3 of this article", "the second paragraph of that
        // provision", "the first paragraph" right after "Article 33": a
        // paragraph of the article named last in this text (or, for "this
        // article", the one the chapter comments on).
        // "point (h) of paragraph 2" likewise: a point of that paragraph.
        let points_of = keyword == Keyword::Point
            && phrase::inverted(text, kw_start, kw_end, kw_start).is_none();
        if matches!(keyword, Keyword::Paragraph | Keyword::Ordinal) || points_of {
            let start = match keyword {
                Keyword::Paragraph => ordinal_before(text, kw_start).unwrap_or(kw_start),
                _ => kw_start,
            };
            let same_sentence = |end: usize| !text[end.min(start)..start].contains(". ");
            let in_sentence = last_article
                .clone()
                .filter(|(_, _, _, end)| same_sentence(*end))
                .map(|(i, a, how, _)| (i, a, how));
            let clause = context
                .clause
                .clone()
                .map(|(i, a)| (Some(i), a, Attribution::FrontMatter));
            let within = context.within && context.clause.is_some();
            let alone = in_sentence.is_some();
            // Which article the words point to. In an instrument's own
            // text a bare "paragraph 1" and "paragraph 1 of this Article"
            // are the article they stand in, whatever article the sentence
            // named before ("in accordance with Article 89(1) in so far as
            // the right referred to in paragraph 1"), unless in brackets
            // right after it; "thereof" is the one named last.
            // "Articles 3, 4 (paragraph 1) and 7": the article just cited.
            let bracketed = last_article
                .as_ref()
                .is_some_and(|l| matches!(text.get(l.3..start), Some("(" | " (")));
            let pick = |back: phrase::Back| match (within, back) {
                (true, phrase::Back::Bare) if bracketed => in_sentence.clone(),
                (true, phrase::Back::This | phrase::Back::Bare) => clause.clone(),
                (false, phrase::Back::Bare) => in_sentence
                    .clone()
                    .or_else(|| clause.clone().filter(|_| last_article.is_none())),
                _ => in_sentence.clone().or_else(|| clause.clone()),
            };
            let read = if points_of {
                // In commentary, only with an article in view: named in
                // the sentence, or the chapter's when the text names none.
                let named = in_sentence.is_some() || (clause.is_some() && last_article.is_none());
                phrase::points_of_paragraph(text, kw_start, kw_end, within, named)
            } else {
                phrase::paragraph_of_named(text, start, kw_end, alone, within)
            };
            if let Some((p, back)) = read
                && let Some((instrument, article, how)) = pick(back)
            {
                // A paragraph's number, or its parts (`(2)(h)`).
                let under = |n: &str| match n.starts_with('(') {
                    true => format!("{article}{n}"),
                    false => format!("{article}({n})"),
                };
                for m in p.members {
                    found.push(Reading {
                        range: m.words,
                        instrument,
                        address: under(&m.address),
                        how,
                        alternative: None,
                        named: None,
                        from: m.from.as_deref().map(under),
                    });
                }
                pos = p.end;
                continue;
            }
        }
        // A bare "paragraph 26" (not "paragraph 2 of Article 17") cites only
        // an instrument that numbers paragraphs.
        let (phrase, bare_paragraph) = match keyword {
            Keyword::Article => (phrase::articles(text, kw_end, kw_start), false),
            Keyword::Paragraph => match phrase::inverted(text, kw_start, kw_end, kw_start) {
                Some(p) => (Some(p), false),
                None => (
                    phrase::sections(text, kw_end, kw_start, phrase::Decimal::BeforeBracket),
                    true,
                ),
            },
            // "point (f) of Article 6(1)"; a statute's "subparagraph
            // 117(1)(a)(ii)" names its full address, checked below.
            Keyword::Point => match phrase::inverted(text, kw_start, kw_end, kw_start) {
                Some(p) => (Some(p), false),
                None => (
                    phrase::sections(text, kw_end, kw_start, phrase::Decimal::BeforeBracket),
                    true,
                ),
            },
            Keyword::Ordinal => (
                phrase::subparagraph(text, kw_start)
                    .or_else(|| phrase::ordinal_paragraph(text, kw_start)),
                false,
            ),
            Keyword::Recital => (phrase::recitals(text, kw_end, kw_start), false),
            Keyword::Container => (phrase::container(text, kw_start, kw_end), false),
            Keyword::Section => (
                phrase::sections(text, kw_end, kw_start, phrase::Decimal::Always),
                false,
            ),
            Keyword::SectionSign | Keyword::Unit => {
                (phrase::articles(text, kw_end, kw_start), false)
            }
        };
        let statute = |i: Option<usize>| {
            i.is_some_and(|i| aliases.by_sections.get(i).copied().unwrap_or(false))
        };
        // A statute's own words for parts of the section they stand in:
        // "subsection (1)", "paragraph (1)(c)", "subsections (3.1), (4) and
        // (6)". "paragraph (a)" is a paragraph of the subsection it stands
        // in, which the context does not know: left alone.
        if phrase.is_none()
            && context.within
            && let Some((own, article)) = context.clause.clone()
            && statute(Some(own))
            && let Some(p) = phrase::own_parts(text, kw_end, kw_start)
        {
            let word = text[kw_start..kw_end].to_ascii_lowercase();
            let of_section = keyword == Keyword::Section && word.starts_with("subsection");
            let from_subsection = matches!(keyword, Keyword::Paragraph | Keyword::Point)
                && p.members
                    .first()
                    .is_some_and(|m| m.address[1..].starts_with(|c: char| c.is_ascii_digit()));
            if of_section || from_subsection {
                for m in p.members {
                    found.push(Reading {
                        range: m.words,
                        instrument: Some(own),
                        address: format!("{article}{}", m.address),
                        how: Attribution::FrontMatter,
                        alternative: None,
                        named: None,
                        from: m.from.map(|f| format!("{article}{f}")),
                    });
                }
                pos = p.end;
                continue;
            }
        }
        if keyword == Keyword::Section {
            // "Section 2 of Chapter III GDPR": a container of an instrument
            // that has no sections of its own.
            let (container, end) = container_citation(text, kw_start, kw_end, aliases, context);
            if !container.is_empty() && !container.iter().any(|f| statute(f.instrument)) {
                found.extend(container);
                pos = pos.max(end);
                continue;
            }
        }
        let Some(mut phrase) = phrase else {
            pos = kw_end;
            continue;
        };
        // "Article 3(2), Articles 25 and 26 and Article 28(3) of Directive
        // 95/46/EC": one instrument named after a list of phrases is every
        // phrase's.
        if !bare_paragraph {
            // "(Article 1F) and Article 33(2) of the Refugee Convention": a
            // bracketed phrase joins the list after its bracket.
            let bracketed = text[..kw_start].ends_with('(') && text[phrase.end..].starts_with(')');
            let kind = match keyword {
                Keyword::Section => Keyword::Section,
                _ => Keyword::Article,
            };
            if bracketed && let Some(next) = coordinated(text, phrase.end + 1, kind) {
                phrase.members.extend(next.members);
                phrase.end = next.end;
            }
            while let Some(next) = coordinated(text, phrase.end, kind) {
                phrase.members.extend(next.members);
                phrase.end = next.end;
            }
        }
        let recent = context.recent.and_then(Meant::instrument);
        let after_unknown = matches!(
            context.recent,
            Some(Meant::Unknown | Meant::Ambiguous | Meant::Foreign)
        );
        pos = phrase.end.max(kw_end);
        let mut named = named_after(text, phrase.end, aliases, context);
        // A name the text's own sentence made another instrument's ("the
        // Convention" after "the Refugee Convention", in an edition without
        // it): [`Aliases::mentions`] says so.
        if let Named::Edition(_) = named
            && let Some((r, Meant::Foreign)) = mentions.iter().find(|(r, _)| r.start >= phrase.end)
            && text[phrase.end..r.start]
                .split([' ', ','])
                .all(|w| matches!(w, "" | "of" | "the" | "in" | "under"))
        {
            named = Named::Elsewhere(r.clone());
        }
        // "Art.7 Crimes against humanity": the article's own title after
        // its number, as commentaries head their sections. The instrument
        // is the context's if that article has that title; with none in
        // view, the one instrument whose article it is.
        if let (Named::Elsewhere(_), [only]) = (&named, &phrase.members[..]) {
            let article = only.address.split(['(', '[']).next().unwrap_or("");
            let title = skip_spaces(text, phrase.end);
            let title = match text[title..].strip_prefix(['–', '—', '-', ':', '.']) {
                Some(rest) => skip_spaces(text, text.len() - rest.len()),
                None => title,
            };
            let owners = aliases.titled(article, &text[title..]);
            let in_view = context
                .recent
                .and_then(Meant::instrument)
                .or(context.default);
            named = match (in_view, &owners[..]) {
                (Some(i), _) if owners.contains(&i) => Named::Nothing,
                (None, [one]) => Named::Edition(*one),
                _ => named,
            };
        }
        if keyword == Keyword::Container && !matches!(named, Named::Edition(_)) {
            continue;
        }
        // For a name two instruments share, where it is.
        let mut shared_name: Option<Range<usize>> = None;
        let (instrument, how) = match named {
            // Settled by what was named before it ([`Aliases::mentions`]).
            Named::Shared(name) => match mentions.iter().find_map(|(r, o)| {
                (r.start < name.end && name.start < r.end)
                    .then(|| o.instrument())
                    .flatten()
            }) {
                Some(i) => (Some(i), Attribution::NamedAfter),
                None => {
                    shared_name = Some(name);
                    (None, Attribution::Ambiguous)
                }
            },
            Named::Edition(i) => (Some(i), Attribution::NamedAfter),
            // "Article 1 of Protocol No. 1" printed in its treaty's file:
            // that file's protocol.
            Named::Elsewhere(name)
                if keyword == Keyword::Article
                    && let Some((i, space)) =
                        protocol_in_file(text, name.clone(), aliases, context) =>
            {
                found.extend(phrase.members.into_iter().map(|m| Reading {
                    range: m.words,
                    instrument: Some(i),
                    address: format!("{space}/{}", m.address),
                    how: Attribution::NamedAfter,
                    alternative: None,
                    named: None,
                    from: m.from.map(|f| format!("{space}/{f}")),
                }));
                continue;
            }
            Named::Elsewhere(name) => {
                let start = phrase.members.first().map_or(kw_start, |m| m.words.start);
                found.push(Reading {
                    range: start..phrase.end,
                    instrument: None,
                    address: String::new(),
                    how: Attribution::Elsewhere,
                    alternative: None,
                    named: Some(name),
                    from: None,
                });
                continue;
            }
            // "of that Directive", "thereof": the instrument named last, or
            // with none named, the chapter's if it is of that kind ("of that
            // Regulation" in a chapter on a regulation).
            Named::Recent(noun) => match (recent, noun, context.default) {
                (Some(i), _, _) if !after_unknown => (Some(i), Attribution::Paragraph),
                (None, Some(noun), Some(d)) if !after_unknown => {
                    if !aliases.named_with(d, &text[noun]) {
                        continue;
                    }
                    (Some(d), Attribution::FrontMatter)
                }
                _ => continue,
            },
            Named::Nothing => {
                let before =
                    named_before(text, kw_start, mention.checked_sub(1).map(|m| &mentions[m]));
                // "S.C. 2012, c. 17, s. 37", "2010, c. 8, s. 10(F)": a
                // section of the Act that chapter is, which the edition's
                // name for it would have said.
                if before.is_none()
                    && keyword == Keyword::Section
                    && let Some(chapter) = chapter_before(text, kw_start)
                {
                    let start = phrase.members.first().map_or(kw_start, |m| m.words.start);
                    found.push(Reading {
                        range: start..phrase.end,
                        instrument: None,
                        address: String::new(),
                        how: Attribution::Elsewhere,
                        alternative: None,
                        named: Some(chapter),
                        from: None,
                    });
                    continue;
                }
                match before {
                    Some(Meant::Unknown) => continue,
                    Some(Meant::Ambiguous) => {
                        shared_name = mention.checked_sub(1).map(|m| mentions[m].0.clone());
                        (None, Attribution::Ambiguous)
                    }
                    // "the Treaty, Article 5": another instrument's.
                    Some(Meant::Foreign) => {
                        let start = phrase.members.first().map_or(kw_start, |m| m.words.start);
                        found.push(Reading {
                            range: start..phrase.end,
                            instrument: None,
                            address: String::new(),
                            how: Attribution::Elsewhere,
                            alternative: None,
                            named: mention.checked_sub(1).map(|m| mentions[m].0.clone()),
                            from: None,
                        });
                        continue;
                    }
                    Some(Meant::Instrument(i)) => (Some(i), Attribution::NamedBefore),
                    // After a name two instruments share, a bare citation
                    // may mean either: said, not guessed.
                    None if context.recent == Some(Meant::Ambiguous) => {
                        shared_name = recent_shared.clone();
                        (None, Attribution::Ambiguous)
                    }
                    // "Article 47 of the Charter and Article 6": perhaps the
                    // other instrument's, perhaps the chapter's; said, not
                    // guessed.
                    None if after_unknown => {
                        let start = phrase.members.first().map_or(kw_start, |m| m.words.start);
                        let name = mention
                            .checked_sub(1)
                            .map(|m| mentions[m].0.clone())
                            .filter(|r| !text[r.end..start].contains(". "));
                        if context.recent == Some(Meant::Foreign) && name.is_some() {
                            found.push(Reading {
                                range: start..phrase.end,
                                instrument: None,
                                address: String::new(),
                                how: Attribution::AfterElsewhere,
                                alternative: None,
                                named: name,
                                from: None,
                            });
                        }
                        continue;
                    }
                    None => match (recent, context.default) {
                        (Some(i), _) => (Some(i), Attribution::Paragraph),
                        (None, Some(i)) => (Some(i), Attribution::FrontMatter),
                        (None, None) => match named_later(text, phrase.end, &mentions[mention..]) {
                            Some(i) => (Some(i), Attribution::NamedLater),
                            None => (None, Attribution::Unresolved),
                        },
                    },
                }
            }
        };
        // A statute numbered by sections has no articles: "Under section 3
        // the court reads Article 2 compatibly" cites the Convention's.
        let (instrument, how) = match keyword == Keyword::Article && statute(instrument) {
            true => (None, Attribution::Unresolved),
            false => (instrument, how),
        };
        // Named in this very sentence: no doubt that it is meant.
        let same_sentence = how == Attribution::Paragraph
            && recent_end.is_some_and(|e| !text[e..kw_start].contains(". "));
        let alternative = context
            .default
            .filter(|&d| how == Attribution::Paragraph && !same_sentence && Some(d) != instrument);
        let paragraph_numbered =
            instrument.is_some_and(|i| aliases.by_paragraphs.get(i).copied().unwrap_or(false));
        // Canadian and Australian statutes are cited by the lowest unit's
        // name with the full address: "paragraph 36(1)(a)", "subparagraph
        // 117(1)(a)(ii)" of the Act mean section 36(1)(a), 117(1)(a)(ii).
        let statute_address =
            statute(instrument) && phrase.members.iter().all(|m| m.address.contains('('));
        if bare_paragraph && !paragraph_numbered && !statute_address {
            continue;
        }
        // "subparagraph 2" alone is no resolution's paragraph 2.
        if keyword == Keyword::Point && bare_paragraph && !statute_address {
            continue;
        }
        // A section of no statute is no citation; unresolved in an edition
        // that holds a statute, it is reported.
        let statute_held = aliases.by_sections.iter().any(|&s| s);
        if keyword == Keyword::Section
            && !statute(instrument)
            && !(how == Attribution::Unresolved && statute_held)
        {
            continue;
        }
        // "(BIA 1985), § 2", "no. 37201/06, § 127": the pinpoint of the case
        // just cited, not a section of a statute, unless it goes on a list
        // of sections ("§ 1521(a), § 1521(b)").
        if keyword == Keyword::SectionSign && how != Attribution::NamedBefore {
            let before = text[..kw_start].trim_end();
            let listed = found
                .last()
                .is_some_and(|f: &Reading| before.len().saturating_sub(f.range.end) <= 1);
            if before.ends_with(',') && !listed {
                continue;
            }
        }
        // "Rule 39" of an instrument of rules; of another ("Rule 39 of the
        // Rules of Court" in an edition without them), no citation.
        if keyword == Keyword::Unit {
            let written = text[kw_start..kw_end].trim_end_matches('.');
            let word = match written.to_ascii_lowercase().as_str() {
                "reg" | "regs" => "regulation",
                _ => written.trim_end_matches(['s', 'S']),
            };
            if !instrument.is_some_and(|i| aliases.numbers_units_as(i, word)) {
                continue;
            }
        }
        let signed =
            |i: Option<usize>| i.is_some_and(|i| aliases.by_signs.get(i).copied().unwrap_or(false));
        if keyword == Keyword::SectionSign
            && !signed(instrument)
            && !(how == Attribution::Unresolved && aliases.by_signs.iter().any(|&s| s))
        {
            continue;
        }
        for member in phrase.members {
            let address = member.address;
            let article = address.split(['(', '[']).next().unwrap_or("");
            // An article ("33", "8 bis", "I"), not a recital or a container.
            let container = article.split(' ').next().is_some_and(|w| {
                w.len() > 3 && w.chars().all(char::is_alphabetic) && w != "bis" && w != "ter"
            });
            let numbered = !article.is_empty()
                && !container
                && !address.starts_with("preamble")
                && !address.starts_with("citation");
            if numbered {
                last_article = Some((instrument, article.to_string(), how, phrase.end));
            }
            found.push(Reading {
                range: member.words,
                instrument,
                address,
                how,
                alternative,
                named: shared_name.clone(),
                from: member.from,
            });
        }
    }
    while mention < mentions.len() {
        context.recent = Some(mentions[mention].1);
        mention += 1;
    }
    let protocols = hudoc(text, aliases);
    if !protocols.is_empty() {
        found.extend(protocols);
        found.sort_by_key(|f| f.range.start);
    }
    found
}

/// HUDOC's shorthand for the articles of the ECHR's protocols: "P1-1" is
/// Article 1 of Protocol No. 1, "P1-1-2" its paragraph 2 ("Violation of
/// Article 13+P1-1"). Linked when one instrument of the edition is called
/// "Protocol No. N"; another protocol's is left alone.
fn hudoc(text: &str, aliases: &Aliases) -> Vec<Reading> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('P') {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] >= 0x80) {
            continue;
        }
        let numbers = |from: usize| {
            let d = bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            (1..=3)
                .contains(&d)
                .then(|| (&text[from..from + d], from + d))
        };
        let Some((protocol, end)) = numbers(at + 1) else {
            continue;
        };
        if bytes.get(end) != Some(&b'-') {
            continue;
        }
        let Some((article, mut end)) = numbers(end + 1) else {
            continue;
        };
        let mut address = article.to_string();
        if bytes.get(end) == Some(&b'-')
            && let Some((paragraph, e)) = numbers(end + 1)
        {
            address = format!("{article}({paragraph})");
            end = e;
        }
        if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        if let [instrument] = aliases.claiming(&format!("Protocol No. {protocol}"))[..] {
            out.push(Reading {
                range: at..end,
                instrument: Some(instrument),
                address,
                how: Attribution::NamedAfter,
                alternative: None,
                named: None,
                from: None,
            });
        }
    }
    out
}

/// The instrument a citation ending at `end` means when nothing before it
/// says: the next name in the same sentence, if it is one of the edition's
/// instruments and stands on its own. A name right after another citation
/// ("unlike Article 8 of the Charter") says whose that one is, not ours.
fn named_later(text: &str, end: usize, later: &[(Range<usize>, Meant)]) -> Option<usize> {
    let (range, meant) = later.iter().find(|(r, _)| r.start >= end)?;
    let between = &text[end..range.start];
    if between.contains(". ") || between.contains(['\n', ';']) {
        return None;
    }
    let before = text[..range.start].trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    let before = before
        .strip_suffix("of")
        .or_else(|| before.strip_suffix(','))
        .unwrap_or(before)
        .trim_end();
    if before.ends_with(|c: char| c.is_ascii_digit() || c == ')') {
        return None;
    }
    meant.instrument()
}

/// "Section 2 of Chapter III GDPR": a container of the instrument named
/// right after, or nothing; with where the reading ended.
fn container_citation(
    text: &str,
    kw_start: usize,
    kw_end: usize,
    aliases: &Aliases,
    context: &Context,
) -> (Vec<Reading>, usize) {
    // Only the word itself opens a container: "s 2" is a statute's.
    if !text[kw_start..kw_end].to_lowercase().starts_with("section") {
        return (Vec::new(), kw_end);
    }
    let Some(phrase) = phrase::container(text, kw_start, kw_end) else {
        return (Vec::new(), kw_end);
    };
    match named_after(text, phrase.end, aliases, context) {
        Named::Edition(i) => (
            phrase
                .members
                .into_iter()
                .map(|m| Reading {
                    range: m.words,
                    instrument: Some(i),
                    address: m.address,
                    how: Attribution::NamedAfter,
                    alternative: None,
                    named: None,
                    from: None,
                })
                .collect(),
            phrase.end,
        ),
        _ => (Vec::new(), phrase.end),
    }
}

const KEYWORDS: &[(&str, Keyword)] = &[
    ("articles", Keyword::Article),
    ("article", Keyword::Article),
    ("arts.", Keyword::Article),
    ("arts", Keyword::Article),
    ("art.", Keyword::Article),
    ("art", Keyword::Article),
    ("paragraphs", Keyword::Paragraph),
    ("paragraph", Keyword::Paragraph),
    ("paras.", Keyword::Paragraph),
    ("paras", Keyword::Paragraph),
    ("para.", Keyword::Paragraph),
    ("para", Keyword::Paragraph),
    ("points", Keyword::Point),
    ("point", Keyword::Point),
    ("subparagraphs", Keyword::Point),
    ("subparagraph", Keyword::Point),
    ("sub-paragraphs", Keyword::Point),
    ("sub-paragraph", Keyword::Point),
    ("recitals", Keyword::Recital),
    ("recital", Keyword::Recital),
    ("recs.", Keyword::Recital),
    ("rec.", Keyword::Recital),
    ("chapter", Keyword::Container),
    ("§§", Keyword::SectionSign),
    ("§", Keyword::SectionSign),
    ("subsections", Keyword::Section),
    ("subsection", Keyword::Section),
    ("sections", Keyword::Section),
    ("section", Keyword::Section),
    // OSCOLA's "s 3(1)", "ss 14–15", and "s. 3": found with the digit
    // after them, so that every plural "s" is no candidate.
    ("s 1", Keyword::Section),
    ("s 2", Keyword::Section),
    ("s 3", Keyword::Section),
    ("s 4", Keyword::Section),
    ("s 5", Keyword::Section),
    ("s 6", Keyword::Section),
    ("s 7", Keyword::Section),
    ("s 8", Keyword::Section),
    ("s 9", Keyword::Section),
    ("ss 1", Keyword::Section),
    ("ss 2", Keyword::Section),
    ("ss 3", Keyword::Section),
    ("ss 4", Keyword::Section),
    ("ss 5", Keyword::Section),
    ("ss 6", Keyword::Section),
    ("ss 7", Keyword::Section),
    ("ss 8", Keyword::Section),
    ("ss 9", Keyword::Section),
    ("s.", Keyword::Section),
    ("ss.", Keyword::Section),
    ("annex", Keyword::Container),
    ("regulations", Keyword::Unit),
    ("regulation", Keyword::Unit),
    ("regs.", Keyword::Unit),
    ("reg.", Keyword::Unit),
    ("rules", Keyword::Unit),
    ("rule", Keyword::Unit),
    ("principles", Keyword::Unit),
    ("principle", Keyword::Unit),
    ("guidelines", Keyword::Unit),
    ("guideline", Keyword::Unit),
    // "Universal Declaration of Human Rights preamble 1": its first recital.
    ("preamble", Keyword::Recital),
];

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// The next citation keyword at or after `from`: (start, end, kind).
fn next_keyword(text: &str, from: usize) -> Option<(usize, usize, Keyword)> {
    // One automaton over every keyword finds the candidates (most text has
    // none); each is then checked for word boundaries.
    static FINDER: std::sync::LazyLock<AhoCorasick> = std::sync::LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(KEYWORDS.iter().map(|(w, _)| w))
            .expect("fixed patterns build")
    });
    let mut at = from;
    while at < text.len() {
        let hit = FINDER.find(aho_corasick::Input::new(text).range(at..))?;
        let (i, end) = (hit.start(), hit.end());
        let (w, kind) = KEYWORDS[hit.pattern().as_usize()];
        // "s 3": the keyword ends before the digit found with it.
        let digit_led = w.ends_with(|c: char| c.is_ascii_digit());
        let (w, end) = if digit_led {
            (&w[..w.len() - 2], end - 2)
        } else {
            (w, end)
        };
        // After a quotation mark or a bracket, not inside a word.
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric());
        // "Articles13 and 14": a copy that lost the space before the number.
        let glued = matches!(kind, Keyword::Article | Keyword::Recital)
            && w.len() > 3
            && text[end..].starts_with(|c: char| c.is_ascii_digit());
        let ends_word = digit_led
            || glued
            || w.ends_with(['.', '§'])
            || !text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
        // "s 3", "ss. 14": written in lower case, after a space or a
        // bracket ("509 U.S. 155" is no section).
        let short_section =
            kind == Keyword::Section && !w.starts_with("sec") && !w.starts_with("subsec");
        if short_section
            && (!text[i..].starts_with('s')
                || text[..i].ends_with(|c: char| !c.is_whitespace() && !"([“\"".contains(c)))
        {
            at = i + 1;
            continue;
        }
        if starts_word && ends_word {
            // "the second subparagraph of", "the second paragraph of": the
            // phrase starts at its ordinal.
            if matches!(kind, Keyword::Point | Keyword::Paragraph)
                && let Some(start) = ordinal_before(text, i)
                && (w.starts_with("sub") || text[end..].starts_with(" of "))
            {
                return Some((start, end, Keyword::Ordinal));
            }
            return Some((i, end, kind));
        }
        // "art" in "artist", or "Article" inside "subarticle": try what
        // a shorter keyword at the same place would give, then go on.
        if !ends_word
            && let Some((w2, kind2)) = KEYWORDS.iter().find(|(k, _)| {
                k.len() < w.len()
                    && text[i..].len() >= k.len()
                    && text[i..].is_char_boundary(k.len())
                    && text[i..i + k.len()].eq_ignore_ascii_case(k)
                    && (k.ends_with('.')
                        || !text[i + k.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '-'))
            })
            && starts_word
        {
            return Some((i, i + w2.len(), *kind2));
        }
        at = i + text[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Where "the second " or "second " ends right before `at`: its start.
fn ordinal_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if !ORDINALS.iter().any(|o| o.eq_ignore_ascii_case(word)) {
        return None;
    }
    Some(
        text[..word_start]
            .strip_suffix("the ")
            .or_else(|| text[..word_start].strip_suffix("The "))
            .map_or(word_start, str::len),
    )
}

/// What follows the phrase ending at `after`: an instrument's name (", UN
/// Charter", "of the Charter", "of the 1967 Protocol"), another instrument's
/// ("of the Charter of Fundamental Rights", "TFEU"), or nothing.
fn named_after(text: &str, after: usize, aliases: &Aliases, context: &Context) -> Named {
    // A name the page defined for another instrument is that one's.
    let edition = |meant: Meant, at: usize, end: usize| match meant {
        Meant::Instrument(i) => Named::Edition(i),
        Meant::Foreign => Named::Elsewhere(at..end),
        Meant::Ambiguous => Named::Shared(at..end),
        // Never a name found at a place ([`Aliases::named_at`]).
        Meant::Unknown => Named::Nothing,
    };
    let p = skip_spaces(text, after);
    let comma = text[p..].starts_with(',');
    let p = if comma { skip_spaces(text, p + 1) } else { p };
    if let Some((i, end)) = aliases.named_at(text, p, context) {
        return edition(i, p, end);
    }
    // "art. 17.2. GDPR": numbers written with full stops end with one.
    let dotted = text[..after]
        .rsplit(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .is_some_and(|n| n.contains('.') && n.ends_with(|c: char| c.is_ascii_digit()));
    if dotted
        && text[after..].starts_with(". ")
        && let Some((i, end)) = aliases.named_at(text, after + 2, context)
    {
        return edition(i, after + 2, end);
    }
    for joiner in ["of ", "in ", "under "] {
        if !text[p..]
            .get(..joiner.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(joiner))
        {
            continue;
        }
        let q = p + joiner.len();
        // The name may start with "the" ("the Convention") or follow it.
        if let Some((i, end)) = aliases.named_at(text, q, context) {
            return edition(i, q, end);
        }
        let rest = &text[q..];
        let lower = rest.get(..9).unwrap_or(rest).to_lowercase();
        if joiner == "of "
            && let Some(d) = ["that ", "the said ", "the same "]
                .iter()
                .find(|d| lower.starts_with(**d))
        {
            let noun = q + d.len();
            let len = text[noun..]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(text.len() - noun);
            return Named::Recent((len > 0).then_some(noun..noun + len));
        }
        let q = ["the ", "its ", "their "]
            .iter()
            .find(|d| lower.starts_with(**d))
            .map_or(q, |d| q + d.len());
        if let Some((i, end)) = aliases.named_at(text, q, context) {
            return edition(i, q, end);
        }
        if joiner != "of " {
            continue;
        }
        let rest = &text[q..];
        // "of this Regulation", "of the present Convention": the text itself.
        let lower = rest.get(..8).unwrap_or(rest).to_lowercase();
        if lower.starts_with("this ") || lower.starts_with("present ") {
            return Named::Nothing;
        }
        if names_something(rest, false) {
            return Named::Elsewhere(name_at(text, q));
        }
    }
    if text[p..].starts_with("thereof") {
        return Named::Recent(None);
    }
    if !comma && text[after..].starts_with(' ') && names_something(&text[p..], true) {
        return Named::Elsewhere(name_at(text, p));
    }
    if comma
        && let Some(symbol) = unknown_symbols(&text[p..]).first()
        && symbol.start == 0
    {
        return Named::Elsewhere(p..p + symbol.end);
    }
    Named::Nothing
}

/// A protocol named by `name` ("Protocol No. 1", "the Optional Protocol",
/// "the 1967 Protocol", "Protocol No. 1 to the Convention") that is printed
/// in an instrument's own file, as that instrument's space ("Protocol 1",
/// "Protocol"): of the instrument the words name after it, else of the one
/// in view, else of the only instrument that has such a protocol.
fn protocol_in_file(
    text: &str,
    name: Range<usize>,
    aliases: &Aliases,
    context: &Context,
) -> Option<(usize, String)> {
    let words = &text[name.clone()];
    let at = words
        .char_indices()
        .find(|&(i, _)| {
            words[i..]
                .get(..8)
                .is_some_and(|w| w.eq_ignore_ascii_case("protocol"))
        })
        .map(|(i, _)| i)?;
    let before_ok = words[..at].split_whitespace().all(|w| {
        ["the", "optional", "additional"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
            || (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
    });
    if !before_ok {
        return None;
    }
    let mut rest = &words[at + 8..];
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let trimmed = rest.trim_start();
    let numbered = ["No. ", "No ", "no. ", "no ", "NO. ", ""]
        .iter()
        .find_map(|p| {
            let t = trimmed.strip_prefix(p)?;
            let len = t.bytes().take_while(u8::is_ascii_digit).count();
            (len > 0).then(|| (&t[..len], &t[len..]))
        });
    let space = match numbered {
        Some((n, after)) => {
            rest = after;
            format!("Protocol {n}")
        }
        None => "Protocol".to_string(),
    };
    // What it is a protocol to, when the words say: "to the Convention", "ECHR".
    let to = rest.trim_start();
    let to = to.strip_prefix("to ").unwrap_or(to);
    let to_at = name.end - to.len();
    let named = (!to.is_empty())
        .then(|| {
            aliases.named_at(text, to_at, context).or_else(|| {
                let bare = to.strip_prefix("the ")?;
                aliases.named_at(text, name.end - bare.len(), context)
            })
        })
        .flatten();
    let instrument = match named {
        Some((Meant::Instrument(i), _)) => i,
        Some(_) => return None,
        None if !to.is_empty() => return None,
        None => match context
            .recent
            .and_then(Meant::instrument)
            .or(context.default)
        {
            Some(i) => i,
            None => match aliases.with_annex(&space)[..] {
                [one] => one,
                _ => return None,
            },
        },
    };
    aliases
        .has_annex(instrument, &space)
        .then_some((instrument, space))
}

/// The words from `at` that read as an instrument's name, for a message:
/// capitalised words, numbers and document numbers, with the small words
/// between them ("Charter of Fundamental Rights", "Protocol No. 4 to the
/// Convention", "Directive 95/46/EC").
fn name_at(text: &str, at: usize) -> Range<usize> {
    let mut end = at;
    let mut pos = at;
    for word in text[at..].split(' ') {
        let bare = word.trim_end_matches([',', ';', ':', ')', '.', '”', '"', '’']);
        let name_word =
            bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || bare == "No";
        if name_word {
            end = pos + bare.len();
        } else if !JOINERS.contains(&bare) {
            break;
        }
        // A word with a clause's punctuation after it ends the name.
        if bare.len() != word.len() && !(bare == "No" && word == "No.") {
            break;
        }
        pos += word.len() + 1;
        if pos > text.len() {
            break;
        }
    }
    // "No." keeps its full stop.
    if text[end..].starts_with('.') && text[at..end].ends_with("No") {
        end += 1;
    }
    at..end.max(at)
}

/// The small words inside instruments' names.
const JOINERS: &[&str] = &[
    "of",
    "the",
    "on",
    "for",
    "to",
    "and",
    "relating",
    "concerning",
    "against",
    "in",
];

/// Whether `rest` opens with what reads as a name: a capitalised word
/// ("Protocol No. 4", "Working Party"), an acronym ("TFEU"), a year and a
/// name ("1967 Protocol"), or a document number ("Directive 95/46/EC").
/// `right_after` says `rest` follows the citation's numbers directly, not
/// "of".
fn names_something(rest: &str, right_after: bool) -> bool {
    let word: &str = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | ':'))
        .next()
        .unwrap_or("");
    let word = word.trim_end_matches('.');
    if word.is_empty() {
        return false;
    }
    if word.bytes().all(|b| b.is_ascii_digit()) && word.len() == 4 {
        // "of 1951", "1967 Protocol": a year, then a name.
        return rest[word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase());
    }
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // "(ARTICLE 8 BIS ET AL)", "ART. 5 FF.": in capitals, the words a
    // lawyer writes after numbers are still no instrument's name.
    const NEVER_NAMES: &[&str] = &[
        "et", "al", "etc", "ff", "f", "seq", "sqq", "passim", "and", "or", "to",
    ];
    if NEVER_NAMES.iter().any(|n| n.eq_ignore_ascii_case(word)) {
        return false;
    }
    // "s. 97(1) Elements that apply", "Article 8 Everyone has the right":
    // right after the numbers, one capitalised word starting a sentence of
    // lower-case words, not a name ("Charter", "TFEU" and "Working Party"
    // are, and "of the Swiss military code" is one).
    if !right_after || word.chars().skip(1).any(char::is_uppercase) {
        return true;
    }
    if names::HEAD_NOUNS.contains(&word) {
        return true;
    }
    const LEGAL: &[&str] = &[
        "code",
        "law",
        "laws",
        "act",
        "constitution",
        "statute",
        "treaty",
        "convention",
        "regulation",
        "directive",
        "charter",
        "protocol",
        "rules",
        "ordinance",
        "decree",
    ];
    let mut after = rest[word.len()..]
        .split([' ', ',', ';', ')', ':', '.'])
        .filter(|w| !w.is_empty());
    let Some(next) = after.next() else {
        return true;
    };
    let sentence = next.starts_with(|c: char| c.is_lowercase())
        && next.chars().all(char::is_alphabetic)
        && !JOINERS.contains(&next);
    let legal = [next]
        .into_iter()
        .chain(after.take(2))
        .any(|w| LEGAL.contains(&w.to_lowercase().as_str()));
    !sentence || legal
}

/// The instrument named just before the keyword ("UNHCR Statute, Art.11"):
/// `last` is the last mention that ends before it.
fn named_before(text: &str, keyword: usize, last: Option<&(Range<usize>, Meant)>) -> Option<Meant> {
    let (range, i) = last?;
    let between = &text[range.end..keyword];
    (between.len() <= 3 && between.chars().all(|c| c == ',' || c.is_whitespace())).then_some(*i)
}

/// The chapter of an annual volume written right before a section keyword
/// at `keyword`, as Canadian citations name an Act and the amendment
/// histories of consolidations list them: "2012, c. 17, " of "2012, c. 17,
/// s. 37", "R.S.C. 1985, c. C-46, ", "c. 11 (1st Supp.), ", McGill's "SC
/// 2001, c 27, ". Where it is, from its year (or "c.") on.
fn chapter_before(text: &str, keyword: usize) -> Option<Range<usize>> {
    let head = text[..keyword].strip_suffix(' ')?.strip_suffix(',')?;
    // "(1st Supp.)" after the chapter's number.
    let head = match head.strip_suffix(" Supp.)") {
        Some(h) => h.rfind(" (").map_or(head, |open| &head[..open]),
        None => head,
    };
    let number_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let number = &head[number_start..];
    if !number.bytes().any(|b| b.is_ascii_digit()) || number.len() > 8 {
        return None;
    }
    let c = head[..number_start]
        .strip_suffix("c. ")
        .or_else(|| head[..number_start].strip_suffix("c "))
        .or_else(|| head[..number_start].strip_suffix("ch. "))?;
    if c.ends_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    // From the year before it ("2012, c. 17"), or the chapter's "c.".
    let from = c
        .strip_suffix(", ")
        .filter(|y| y.len() >= 4 && y[y.len() - 4..].bytes().all(|b| b.is_ascii_digit()))
        .map_or(c.len(), |y| y.len() - 4);
    Some(from..keyword - 2)
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    while text[at..].starts_with([' ', '\u{a0}', '\t', '\n']) {
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    at
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARTER: usize = 0;
    const AGREEMENT: usize = 1;
    const STATUTE: usize = 2;
    const MODALITIES: usize = 3;
    const CONSTITUTION: usize = 4;

    fn aliases() -> Aliases {
        let names = vec![
            vec!["UN Charter".into(), "the Charter".into(), "Charter".into()],
            vec!["the agreement".into(), "A/RES/70/296".into()],
            vec!["UNHCR Statute".into()],
            vec!["Modalities document".into()],
            vec![
                "IOM Constitution".into(),
                "IOM's Constitution".into(),
                "the Constitution".into(),
            ],
        ];
        Aliases::new(&names, vec![false, false, true, true, false])
    }

    fn cites(text: &str, default: Option<usize>) -> Vec<(String, Option<usize>, String)> {
        let mut ctx = Context {
            default,
            ..Context::default()
        };
        scan(text, &aliases(), &mut ctx)
            .into_iter()
            .filter(|f| f.how != Attribution::Elsewhere)
            .map(|f| (text[f.range].to_string(), f.instrument, f.address))
            .collect()
    }

    fn one(s: &str, i: Option<usize>, a: &str) -> (String, Option<usize>, String) {
        (s.to_string(), i, a.to_string())
    }

    #[test]
    fn the_papers_forms() {
        assert_eq!(
            cites("Article 103 UN Charter resolves", None),
            vec![one("Article 103", Some(CHARTER), "103")]
        );
        assert_eq!(
            cites("Article 1(3) of the Charter states", None),
            vec![one("Article 1(3)", Some(CHARTER), "1(3)")]
        );
        assert_eq!(
            cites("(Art. 4, A/RES/70/296)", None),
            vec![one("Art. 4", Some(AGREEMENT), "4")]
        );
        assert_eq!(
            cites("UNHCR Statute, Art.11", None),
            vec![one("Art.11", Some(STATUTE), "11")]
        );
        assert_eq!(
            cites("Articles 57 & 63, UN Charter", None),
            vec![
                one("Articles 57", Some(CHARTER), "57"),
                one("63", Some(CHARTER), "63")
            ]
        );
        assert_eq!(
            cites("article 2(4) of the agreement", None),
            vec![one("article 2(4)", Some(AGREEMENT), "2(4)")]
        );
        assert_eq!(
            cites(
                "in the Modalities document. According to paragraph 26 it is",
                None
            ),
            vec![one("paragraph 26", Some(MODALITIES), "26")]
        );
    }

    #[test]
    fn bare_articles_take_the_paragraph_then_the_chapter() {
        assert_eq!(
            cites("The UN Charter ... Article 13 mandates", Some(AGREEMENT)),
            vec![one("Article 13", Some(CHARTER), "13")]
        );
        assert_eq!(
            cites("Art. 1(3) says", Some(AGREEMENT)),
            vec![one("Art. 1(3)", Some(AGREEMENT), "1(3)")]
        );
        assert_eq!(
            cites("Article 3 entitled cooperation", Some(AGREEMENT)),
            vec![one("Article 3", Some(AGREEMENT), "3")]
        );
        assert_eq!(
            cites("Article 3 of something unknown", None),
            vec![one("Article 3", None, "3")]
        );
    }

    #[test]
    fn a_document_we_do_not_hold_ends_the_context() {
        assert!(
            cites(
                "UNHCR Statute, Art.11; GA Resolution A/RES/58/153, 24 June 2004, Para. 10",
                None
            )
            .len()
                == 1
        );
    }

    #[test]
    fn what_is_not_a_citation() {
        assert!(cites("the first article of the Declaration", Some(CHARTER)).is_empty());
        assert!(
            cites(
                "IOM's Constitution contains no reference to human rights.",
                None
            )
            .is_empty()
        );
        assert!(
            cites(
                "at paragraph 16 regarding the IOM-UN relationship",
                Some(AGREEMENT)
            )
            .is_empty()
        );
        assert!(cites("Articles of association", Some(CHARTER)).is_empty());
        assert!(cites("particle 3", Some(CHARTER)).is_empty());
    }

    #[test]
    fn never_panics_on_any_boundary() {
        let text =
            "Article 1 of é Article 2 ofé the Art. 3 ,é para 4 (é) Articles 5 & é 6 и Article 7(ä)";
        for start in 0..text.len() {
            if text.is_char_boundary(start) {
                let mut ctx = Context::default();
                let _ = scan(&text[start..], &aliases(), &mut ctx);
            }
        }
    }

    /// The symbol finder as first written: each symbol measured on its own.
    fn unknown_symbols_one_by_one(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for (i, w) in bytes.windows(2).enumerate() {
            if matches!(w[0], b'A' | b'S' | b'E')
                && w[1] == b'/'
                && (i == 0 || !is_word_byte(bytes[i - 1]))
            {
                let len = text[i..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'/' || *b == b'.')
                    .count();
                let symbol = text[i..i + len].trim_end_matches('.');
                if symbol.bytes().any(|b| b.is_ascii_digit()) {
                    out.push(i..i + symbol.len());
                }
            }
        }
        out
    }

    #[test]
    fn symbols_are_found_as_one_by_one_in_linear_time() {
        for text in [
            "A/RES/58/153, A/71/L.1. and S/RES/1373 (E/CN.4/1998/53/Add.2)",
            "A/A/A/A/1 A/S/E/x. A/1/A/ A/. A/1... S/A/1.A/2 é A/3 xA/4 .A/5",
            "A/",
            "A/1",
            "",
            "A/RES/A/RES/70/296 of the agreement",
        ] {
            assert_eq!(
                unknown_symbols(text),
                unknown_symbols_one_by_one(text),
                "{text}"
            );
        }
        let started = std::time::Instant::now();
        let long = format!("{}1{}", "A/".repeat(200_000), ".".repeat(100_000));
        assert_eq!(unknown_symbols(&long).len(), 200_000);
        let mut ctx = Context::default();
        let _ = scan(&long, &aliases(), &mut ctx);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_symbol_inside_a_name_is_the_name() {
        let names = aliases().mentions("see A/RES/70/296 and A/RES/71/1", &Context::default());
        assert_eq!(
            names.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
            vec![Meant::Instrument(AGREEMENT), Meant::Unknown]
        );
    }

    #[test]
    fn lists_of_three() {
        let got = cites("Articles 1(3), 55(c) and 76(c) of the Charter", None);
        let addresses: Vec<_> = got.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(addresses, vec!["1(3)", "55(c)", "76(c)"]);
        assert!(got.iter().all(|c| c.1 == Some(CHARTER)));
        let _ = CONSTITUTION;
    }

    fn edition() -> Aliases {
        let names = vec![
            vec!["ECHR".into(), "the Convention".into()],
            vec!["Refugee Convention".into(), "the Convention".into()],
            vec!["GDPR".into(), "the Regulation".into()],
        ];
        Aliases::new(&names, vec![false, false, false])
    }

    fn cites_in(text: &str, default: Option<usize>) -> Vec<(Option<usize>, String)> {
        cites_by_default(&edition(), text, default)
    }

    /// What `text` cites in an edition of `aliases`, with the chapter's
    /// instrument `default`: (instrument, address).
    fn cites_by_default(
        aliases: &Aliases,
        text: &str,
        default: Option<usize>,
    ) -> Vec<(Option<usize>, String)> {
        let mut ctx = Context {
            default,
            ..Context::default()
        };
        cites_with(aliases, text, &mut ctx)
    }

    #[test]
    fn a_protocol_printed_in_its_treatys_file_is_cited_by_name() {
        let names = vec![vec!["ECHR".to_string()], vec!["GDPR".to_string()]];
        let aliases = Aliases::new(&names, vec![false, false])
            .with_annexes(vec![vec!["Protocol 1".into()], vec![]]);
        let got = |text: &str, default: Option<usize>| cites_by_default(&aliases, text, default);
        let p1 = |a: &str| (Some(0), format!("Protocol 1/{a}"));
        assert_eq!(
            got("Article 1 of Protocol No. 1 to the ECHR", Some(1)),
            [p1("1")]
        );
        assert_eq!(
            got("Articles 1 and 2 of Protocol No. 1", Some(0)),
            [p1("1"), p1("2")]
        );
        // With none in view, the one instrument printed with it.
        assert_eq!(got("Article 2 of Protocol 1", None), [p1("2")]);
        // A protocol the file does not print, or another treaty's, is not ours.
        assert!(got("Article 4 of Protocol No. 4", Some(0)).is_empty());
        assert!(got("Article 1 of Protocol No. 1 to the GDPR", None).is_empty());
        assert!(got("Article 1 of the Protocol", Some(0)).is_empty());
    }

    #[test]
    fn a_letter_of_two_bytes_before_a_sections_comma_is_no_chapter() {
        // Found by the fuzz test: the chapter's number was read from a byte
        // inside "é".
        assert!(cites_in("é, Section 2", Some(0)).len() <= 1);
        assert_eq!(chapter_before("é, s. 2", 4), None);
    }

    #[test]
    fn a_statutory_instruments_regulations_are_cited_by_their_word() {
        let names = vec![
            vec!["the 1999 Regulations".to_string()],
            vec!["GDPR".to_string()],
        ];
        let aliases = Aliases::new(&names, vec![false, false])
            .with_unit_words(vec![Some("Regulation".into()), None]);
        let got = |text: &str, default: Option<usize>| cites_by_default(&aliases, text, default);
        let reg = |a: &str| (Some(0), a.to_string());
        assert_eq!(
            got("under regulation 3(1)(a) of the 1999 Regulations", Some(1)),
            [reg("3(1)(a)")]
        );
        assert_eq!(
            got("reg. 4 and regs. 5 to 6", Some(0)),
            [reg("4"), reg("5"), reg("6")]
        );
        // "Regulation (EU) 2016/679" is no regulation of an instrument, and
        // an instrument of articles has none.
        assert!(got("Regulation (EU) 2016/679 applies", Some(0)).is_empty());
        assert!(got("regulation 3 applies", Some(1)).is_empty());
    }

    #[test]
    fn citations_in_capitals_read_as_in_lower_case() {
        let got = |text: &str| -> Vec<String> {
            cites_in(text, Some(2))
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        };
        assert_eq!(got("CRIME OF AGGRESSION (ARTICLE 8 BIS ET AL)"), ["8 bis"]);
        assert_eq!(got("SEE ARTICLE 8 ETC"), ["8"]);
        assert_eq!(got("ARTICLES 8 AND 15"), ["8", "15"]);
        assert_eq!(got("ARTICLES 12 TO 14"), ["12", "13", "14"]);
        // A capitalised name after the numbers is still another instrument's.
        assert!(got("ARTICLE 16 TFEU").is_empty());
    }

    #[test]
    fn another_instruments_name_is_never_linked_to_ours() {
        for text in [
            "Articles 7 and 8 of the Charter of Fundamental Rights",
            "Article 4 of Protocol No. 4",
            "Article 16 TFEU",
            "Article 3 of the Convention on the Rights of the Child",
            "Article 2 of Directive 95/46/EC",
            "the Article 29 Working Party",
            "Article 75 of Additional Protocol I",
        ] {
            assert!(cites_in(text, Some(2)).is_empty(), "{text}");
        }
        // A name inside a longer one is that other instrument's, and a bare
        // article after it is not ours either.
        assert!(
            cites_in(
                "the Convention on the Rights of the Child, and its Article 3",
                Some(0)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_shared_name_means_the_chapters_instrument_or_none() {
        assert_eq!(
            cites_in("Article 5 of the Convention", Some(0)),
            vec![(Some(0), "5".into())]
        );
        assert_eq!(
            cites_in("Article 33 of the Convention", Some(1)),
            vec![(Some(1), "33".into())]
        );
        let mut ctx = Context::default();
        let found = scan("Article 33 of the Convention", &edition(), &mut ctx);
        assert_eq!(found[0].how, Attribution::Ambiguous);
        assert_eq!(found[0].instrument, None);
    }

    #[test]
    fn after_quotation_marks_and_brackets() {
        assert_eq!(
            cites_in("“Article 6(1)(f) GDPR”", None),
            vec![(Some(2), "6(1)(f)".into())]
        );
        assert_eq!(cites_in("(Art. 5 ECHR)", None), vec![(Some(0), "5".into())]);
        assert_eq!(cites_in("\"recital 47\" of the GDPR", None).len(), 1);
    }

    #[test]
    fn containers_only_with_their_instrument_named() {
        assert_eq!(
            cites_in("Chapter III of the GDPR", None),
            vec![(Some(2), "Chapter III".into())]
        );
        assert_eq!(
            cites_in("Section 2 of Chapter III GDPR", None),
            vec![(Some(2), "Chapter III, Section 2".into())]
        );
        assert!(cites_in("as Chapter 3 of this book shows", Some(2)).is_empty());
        assert!(cites_in("Section 2 explains", Some(2)).is_empty());
    }

    #[test]
    fn every_keyword_is_found() {
        for (w, kind) in KEYWORDS {
            let text = format!("({w} 1)");
            // "s 3" is found by its digit, and ends before it.
            let len = match w.ends_with(|c: char| c.is_ascii_digit()) {
                true => w.len() - 2,
                false => w.len(),
            };
            assert_eq!(next_keyword(&text, 0), Some((1, 1 + len, *kind)), "{w}");
            // Any case, but OSCOLA's short forms, written in lower case only.
            let upper = format!("({} 1)", w.to_uppercase());
            let short =
                *kind == Keyword::Section && !w.starts_with("sec") && !w.starts_with("subsec");
            assert_eq!(next_keyword(&upper, 0).is_some(), !short, "{upper}");
        }
    }

    #[test]
    fn hudoc_shorthand_for_protocol_articles() {
        let names = vec![vec!["ECHR".to_string()], vec!["Protocol No. 1".to_string()]];
        let aliases = Aliases::new(&names, vec![false, false]);
        let found = scan(
            "Violation of Article 13+P1-1 and of P1-1-2; not P4-2, nor AP1-1.",
            &aliases,
            &mut Context {
                default: Some(0),
                ..Context::default()
            },
        );
        let got: Vec<(Option<usize>, &str)> = found
            .iter()
            .map(|f| (f.instrument, f.address.as_str()))
            .collect();
        assert_eq!(got, [(Some(0), "13"), (Some(1), "1"), (Some(1), "1(2)")]);
    }

    #[test]
    fn a_paragraph_of_the_article_named_before() {
        assert_eq!(
            cites_in(
                "Under the second paragraph of Article 33 of the Refugee Convention an alien may not claim the benefit of the first paragraph if he poses a danger.",
                None
            ),
            [
                (Some(1), "33(2)".to_string()),
                (Some(1), "33(1)".to_string())
            ]
        );
        assert_eq!(
            cites_in(
                "Article 10 ECHR: the aims listed in the second paragraph of that provision, and paragraphs 1 and 2 thereof.",
                None
            ),
            [
                (Some(0), "10".to_string()),
                (Some(0), "10(2)".to_string()),
                (Some(0), "10(1)".to_string()),
                (Some(0), "10(2)".to_string())
            ]
        );
        // "This article" with no article named: the chapter's clause.
        let mut ctx = Context {
            clause: Some((2, "6".to_string())),
            ..Context::default()
        };
        let found = scan(
            "Paragraph 3 of this article adds a test.",
            &edition(),
            &mut ctx,
        );
        assert_eq!(
            found
                .iter()
                .map(|f| (f.instrument, f.address.as_str()))
                .collect::<Vec<_>>(),
            [(Some(2), "6(3)")]
        );
        // The commentary's own first paragraph, in another sentence: none.
        assert_eq!(
            cites_in(
                "Article 5 GDPR matters. As the first paragraph showed, it is new.",
                None
            ),
            [(Some(2), "5".to_string())]
        );
        assert!(cites_in("paragraph 3 of this article", None).is_empty());
    }

    #[test]
    fn a_bracketed_phrase_joins_the_list_after_it() {
        assert_eq!(
            cites_in(
                "Exclusion (Article 1F) and Article 33(2) of the Refugee Convention",
                None
            ),
            [(Some(1), "1F".to_string()), (Some(1), "33(2)".to_string())]
        );
    }

    #[test]
    fn dotted_numbers_end_with_a_full_stop() {
        assert_eq!(
            cites_in("When it comes to article 17.2. GDPR, the EDPB", None),
            [(Some(2), "17(2)".to_string())]
        );
        // A full stop after a plain number ends the sentence.
        assert_eq!(
            cites_in("It is in Article 17. GDPR applies", None),
            [(None, "17".to_string())]
        );
    }

    #[test]
    fn the_text_itself_and_the_chapter() {
        assert_eq!(
            cites_in("Article 6 of this Regulation", Some(2)),
            vec![(Some(2), "6".into())]
        );
        assert_eq!(
            cites_in("point (f) of Article 6(1) GDPR", None),
            vec![(Some(2), "6(1)(f)".into())]
        );
        assert_eq!(
            cites_in("recitals 47 to 48 of the GDPR", None),
            vec![
                (Some(2), "preamble(47)".into()),
                (Some(2), "preamble(48)".into())
            ]
        );
    }

    #[test]
    fn another_instruments_name_right_before_an_article_is_its() {
        // "Treaty" reads as an instrument the edition does not hold; the
        // article written right after its name is that treaty's.
        let text = "As the Treaty, Article 5 binds the parties.";
        assert_eq!(cites(text, Some(CHARTER)), vec![]);
        assert_eq!(
            elsewhere(text),
            vec![("Article 5".to_string(), "Treaty".to_string())]
        );
    }

    /// What each citation that names another instrument says it names.
    fn elsewhere(text: &str) -> Vec<(String, String)> {
        scan(text, &edition(), &mut Context::default())
            .into_iter()
            .filter(|f| f.how == Attribution::Elsewhere)
            .map(|f| {
                (
                    text[f.range].to_string(),
                    text[f.named.unwrap()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn another_instruments_name_is_reported() {
        assert_eq!(
            elsewhere("Articles 7 and 8 of the Charter of Fundamental Rights apply."),
            [(
                "Articles 7 and 8".to_string(),
                "Charter of Fundamental Rights".to_string()
            )]
        );
        assert_eq!(
            elsewhere("Article 4 of Protocol No. 4 to the Convention. Then"),
            [(
                "Article 4".to_string(),
                "Protocol No. 4 to the Convention".to_string()
            )]
        );
        assert_eq!(
            elsewhere("Article 16 TFEU, and"),
            [("Article 16".to_string(), "TFEU".to_string())]
        );
    }

    /// Scans the blocks of one page in order, as the walk does.
    fn page(blocks: &[&str], default: Option<usize>) -> Vec<Vec<(Option<usize>, String)>> {
        let aliases = edition();
        let mut ctx = Context {
            default,
            ..Context::default()
        };
        blocks
            .iter()
            .map(|b| {
                ctx.recent = None;
                scan(b, &aliases, &mut ctx)
                    .into_iter()
                    .filter(|f| f.how != Attribution::Elsewhere)
                    .map(|f| (f.instrument, f.address))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_definition_binds_a_shared_name_for_the_page() {
        let names = vec![
            vec![
                "ECHR".into(),
                "the Convention".into(),
                "Convention for the Protection of Human Rights and Fundamental Freedoms".into(),
            ],
            vec!["Refugee Convention".into(), "the Convention".into()],
        ];
        let aliases = Aliases::new(&names, vec![false, false]);
        let mut ctx = Context::default();
        let first = scan(
            "lodged under Article 34 of the Convention for the Protection of Human Rights and Fundamental Freedoms (“the Convention”) by a national.",
            &aliases,
            &mut ctx,
        );
        assert_eq!(first[0].instrument, Some(0));
        ctx.recent = None;
        let later = scan(
            "He relied on Articles 6 and 13 of the Convention.",
            &aliases,
            &mut ctx,
        );
        assert_eq!(
            later
                .iter()
                .map(|f| (f.instrument, f.address.as_str()))
                .collect::<Vec<_>>(),
            [(Some(0), "6"), (Some(0), "13")]
        );
        // Without the definition, the name is the two instruments'.
        let alone = scan(
            "He relied on Articles 6 and 13 of the Convention.",
            &aliases,
            &mut Context::default(),
        );
        assert!(alone.iter().all(|f| f.how == Attribution::Ambiguous));
    }

    #[test]
    fn a_name_defined_for_another_instrument_is_never_ours() {
        // "the Regulation" is the GDPR's; this page defines it otherwise.
        let got = page(
            &[
                "Regulation (EC) No 45/2001 (“the Regulation”) governs the institutions.",
                "Article 5 of the Regulation applies.",
            ],
            Some(2),
        );
        assert_eq!(got[1], []);
        // A name of the page's own: "the 1951 Convention" is no alias.
        let got = page(
            &[
                "the Refugee Convention (hereinafter “the 1951 Convention”) says",
                "Article 33 of the 1951 Convention forbids it.",
            ],
            None,
        );
        assert_eq!(got[1], [(Some(1), "33".to_string())]);
    }

    #[test]
    fn that_regulation_is_the_chapters_when_it_is_one() {
        assert_eq!(
            cites_in("in Article 45(2) of that regulation.", Some(2)),
            [(Some(2), "45(2)".to_string())]
        );
        // A convention is not "that regulation".
        assert!(cites_in("in Article 45(2) of that regulation.", Some(0)).is_empty());
    }

    #[test]
    fn a_statutes_sections_are_cited_as_lawyers_write_them() {
        let names = vec![
            vec!["GDPR".into()],
            vec![
                "Human Rights Act 1998".into(),
                "HRA".into(),
                "the Act".into(),
            ],
        ];
        let aliases = Aliases::new(&names, vec![false, false]).with_sections(vec![false, true]);
        let cites = |text: &str, default: Option<usize>| -> Vec<(Option<usize>, String)> {
            let mut ctx = Context {
                default,
                ..Context::default()
            };
            scan(text, &aliases, &mut ctx)
                .into_iter()
                .map(|f| (f.instrument, f.address))
                .collect()
        };
        assert_eq!(
            cites("under section 3(1) of the Human Rights Act 1998", None),
            [(Some(1), "3(1)".to_string())]
        );
        assert_eq!(
            cites("see ss 14 and 15 HRA and s. 2(1)(b) of the Act", None),
            [
                (Some(1), "14".to_string()),
                (Some(1), "15".to_string()),
                (Some(1), "2(1)(b)".to_string())
            ]
        );
        assert_eq!(cites("s 6 applies", Some(1)), [(Some(1), "6".to_string())]);
        // A regulation's sections are containers; plurals are no keyword.
        assert_eq!(
            cites("Section 2 of Chapter III GDPR", None),
            [(Some(0), "Chapter III, Section 2".to_string())]
        );
        assert!(cites("rights 3 and s 4 of it", Some(0)).is_empty());
        assert!(cites("Sale, 509 U.S. 155 (1993), S 3", Some(1)).is_empty());
        // Unresolved where the edition holds a statute: reported.
        assert_eq!(cites("section 7 says", None), [(None, "7".to_string())]);
    }

    /// An edition holding the GDPR and a Canadian Act.
    fn canadian() -> Aliases {
        let names = vec![
            vec!["GDPR".into()],
            vec![
                "Immigration and Refugee Protection Act".into(),
                "IRPA".into(),
                "the Act".into(),
                "S.C. 2001, c. 27".into(),
                "SC 2001, c 27".into(),
            ],
        ];
        Aliases::new(&names, vec![false, false]).with_sections(vec![false, true])
    }

    fn cites_with(
        aliases: &Aliases,
        text: &str,
        ctx: &mut Context,
    ) -> Vec<(Option<usize>, String)> {
        scan(text, aliases, ctx)
            .into_iter()
            .filter(|f| f.how != Attribution::Elsewhere)
            .map(|f| (f.instrument, f.address))
            .collect()
    }

    #[test]
    fn a_canadian_acts_sections_as_canadian_lawyers_cite_them() {
        let aliases = canadian();
        let cite = |text: &str| cites_with(&aliases, text, &mut Context::default());
        let irpa = |a: &[&str]| -> Vec<(Option<usize>, String)> {
            a.iter().map(|a| (Some(1), a.to_string())).collect()
        };
        assert_eq!(
            cite("under s. 97(1)(b)(ii) and section 96 of the IRPA"),
            irpa(&["97(1)(b)(ii)", "96"])
        );
        assert_eq!(cite("ss. 96 and 97 of the Act"), irpa(&["96", "97"]));
        assert_eq!(
            cite("paragraph 97(1)(b) of the Act and subsection 97(1) of IRPA"),
            irpa(&["97(1)(b)", "97(1)"])
        );
        assert_eq!(
            cite("subparagraph 97(1)(b)(ii) IRPA"),
            irpa(&["97(1)(b)(ii)"])
        );
        assert_eq!(cite("IRPA, s 96 defines"), irpa(&["96"]));
        assert_eq!(
            cite("Immigration and Refugee Protection Act, SC 2001, c 27, s 96"),
            irpa(&["96"])
        );
        // Numbers and labels inserted by amendments.
        assert_eq!(
            cite("s. 109.1(1) IRPA and paragraph 101(1)(b.1) of the Act"),
            irpa(&["109.1(1)", "101(1)(b.1)"])
        );
        assert_eq!(
            cite("subsections 110(1.1) and (2.1) of IRPA"),
            irpa(&["110(1.1)", "110(2.1)"])
        );
        // An article's full stops are still its parts.
        assert_eq!(
            cite("Article 17.1.a GDPR"),
            [(Some(0), "17(1)(a)".to_string())]
        );
    }

    #[test]
    fn a_section_of_the_act_a_chapter_names_is_that_acts() {
        let aliases = canadian();
        let mut ctx = Context {
            default: Some(1),
            ..Context::default()
        };
        // The amending Act's section, not the Act's.
        assert!(cites_with(&aliases, "repealed by S.C. 2012, c. 17, s. 37.", &mut ctx).is_empty());
        let elsewhere: Vec<String> = scan(
            "2001, c. 27, s. 95; 2010, c. 8, s. 10(F)",
            &aliases,
            &mut ctx,
        )
        .into_iter()
        .filter(|f| f.how == Attribution::Elsewhere)
        .map(|f| f.address)
        .collect();
        assert_eq!(elsewhere.len(), 2);
        assert!(cites_with(&aliases, "R.S.C. 1985, c. C-46, s. 2", &mut ctx).is_empty());
        assert!(cites_with(&aliases, "R.S.C. 1985, c. 11 (1st Supp.), s. 2", &mut ctx).is_empty());
        // The Act's own chapter is its name.
        assert_eq!(
            cites_with(&aliases, "S.C. 2001, c. 27, s. 96", &mut ctx),
            [(Some(1), "96".to_string())]
        );
        assert_eq!(
            cites_with(&aliases, "section 96 applies", &mut ctx),
            [(Some(1), "96".to_string())]
        );
    }

    #[test]
    fn a_statutes_own_words_for_parts_of_its_section() {
        let aliases = canadian();
        let mut ctx = Context {
            default: Some(1),
            clause: Some((1, "111".to_string())),
            within: true,
            ..Context::default()
        };
        assert_eq!(
            cites_with(
                &aliases,
                "The Refugee Appeal Division may make the referral described in paragraph (1)(c) only if",
                &mut ctx
            ),
            [(Some(1), "111(1)(c)".to_string())]
        );
        assert_eq!(
            cites_with(
                &aliases,
                "Subject to subsections (3.1), (4) and (6), the Division",
                &mut ctx
            ),
            [
                (Some(1), "111(3.1)".to_string()),
                (Some(1), "111(4)".to_string()),
                (Some(1), "111(6)".to_string())
            ]
        );
        // "paragraph (a)" is of the subsection it stands in: not known here.
        assert!(cites_with(&aliases, "in the case of paragraph (a.1) or (d)", &mut ctx).is_empty());
        // In commentary, "subsection (1)" is nobody's.
        let mut commentary = Context {
            default: Some(1),
            ..Context::default()
        };
        assert!(cites_with(&aliases, "under subsection (1)", &mut commentary).is_empty());
    }

    /// The GDPR and the ECHR; `clause` the article a text is in or about.
    fn in_article(
        text: &str,
        clause: Option<(usize, &str)>,
        within: bool,
    ) -> Vec<(Option<usize>, String)> {
        let names = vec![vec!["GDPR".into()], vec!["ECHR".into()]];
        let aliases = Aliases::new(&names, vec![false, false]);
        // An instrument's own page has itself as the chapter's instrument.
        let mut ctx = Context {
            default: clause.filter(|_| within).map(|(i, _)| i),
            clause: clause.map(|(i, a)| (i, a.to_string())),
            within,
            ..Context::default()
        };
        cites_with(&aliases, text, &mut ctx)
    }

    fn gdpr(a: &[&str]) -> Vec<(Option<usize>, String)> {
        a.iter().map(|a| (Some(0), a.to_string())).collect()
    }

    #[test]
    fn a_point_of_a_paragraph_of_the_article_in_its_own_text() {
        // GDPR Article 9(3), 6(3) and 49(2), in the articles they stand in.
        assert_eq!(
            in_article(
                "Personal data referred to in paragraph 1 may be processed for the purposes referred to in point (h) of paragraph 2 when those data are processed",
                Some((0, "9")),
                true
            ),
            gdpr(&["9(1)", "9(2)(h)"])
        );
        assert_eq!(
            in_article(
                "The basis for the processing referred to in point (c) and (e) of paragraph 1 shall be laid down by:",
                Some((0, "6")),
                true
            ),
            gdpr(&["6(1)(c)", "6(1)(e)"])
        );
        assert_eq!(
            in_article(
                "A transfer pursuant to point (g) of the first subparagraph of paragraph 1 shall not involve the entirety of the personal data",
                Some((0, "49")),
                true
            ),
            gdpr(&["49(1)(g)"])
        );
        assert_eq!(
            in_article(
                "the requirements in point (b) of paragraph 2 of this Article",
                Some((0, "45")),
                true
            ),
            gdpr(&["45(2)(b)"])
        );
    }

    #[test]
    fn an_instruments_bare_paragraph_is_the_article_it_stands_in() {
        // GDPR Article 17(3)(d) and 14(5)(b): another article named before
        // in the sentence does not take the paragraph.
        assert_eq!(
            in_article(
                "for archiving purposes in the public interest, scientific or historical research purposes or statistical purposes in accordance with Article 89(1) in so far as the right referred to in paragraph 1 is likely to render impossible",
                Some((0, "17")),
                true
            ),
            gdpr(&["89(1)", "17(1)"])
        );
        assert_eq!(
            in_article(
                "subject to the conditions and safeguards referred to in Article 89(1) or in so far as the obligation referred to in paragraph 1 of this Article is likely to render impossible",
                Some((0, "14")),
                true
            ),
            gdpr(&["89(1)", "14(1)"])
        );
        // ECHR Article 15(2): in brackets right after an article, its own.
        let got = in_article(
            "No derogation from Article 2, except in respect of deaths resulting from lawful acts of war, or from Articles 3, 4 (paragraph 1) and 7 shall be made under this provision.",
            Some((1, "15")),
            true,
        );
        assert!(got.contains(&(Some(1), "4(1)".to_string())), "{got:?}");
        assert!(!got.contains(&(Some(1), "15(1)".to_string())), "{got:?}");
        // "thereof" is the article named last.
        assert_eq!(
            in_article(
                "in Article 6(1) and paragraph 2 thereof",
                Some((0, "9")),
                true
            ),
            gdpr(&["6(1)", "6(2)"])
        );
        // "the second subparagraph thereof" is a paragraph's, not known here.
        assert_eq!(
            in_article(
                "Points (a), (b) and (c) of the first subparagraph of paragraph 1 and the second subparagraph thereof shall not apply",
                Some((0, "49")),
                true
            ),
            gdpr(&["49(1)(a)", "49(1)(b)", "49(1)(c)"])
        );
    }

    #[test]
    fn a_point_of_a_paragraph_in_commentary_with_an_article_in_view() {
        // Named in the sentence.
        assert_eq!(
            in_article(
                "Article 9 GDPR prohibits it, but point (h) of paragraph 2 allows it.",
                None,
                false
            ),
            gdpr(&["9", "9(2)(h)"])
        );
        // The chapter's clause, when the text names no article.
        assert_eq!(
            in_article(
                "Point (h) of paragraph 2 covers health care.",
                Some((0, "9")),
                false
            ),
            gdpr(&["9(2)(h)"])
        );
        assert_eq!(
            in_article(
                "points (a) and (b) of paragraph 1 of this Article",
                Some((0, "6")),
                false
            ),
            gdpr(&["6(1)(a)", "6(1)(b)"])
        );
        // Another article named in an earlier sentence: which one is meant
        // is not said, so none is linked.
        assert_eq!(
            in_article(
                "Article 6 GDPR also applies. Point (h) of paragraph 2 covers health care.",
                Some((0, "9")),
                false
            ),
            gdpr(&["6"])
        );
        // No article in view, or another text's paragraph.
        assert!(in_article("point (h) of paragraph 2 applies", None, false).is_empty());
        assert!(
            in_article(
                "Article 9 GDPR and point (b) of paragraph 3 of the Guidelines",
                None,
                false
            ) == gdpr(&["9"])
        );
        // A bare paragraph in commentary stays the commentary's own.
        assert_eq!(
            in_article(
                "Article 9 GDPR, as paragraph 2 above explains.",
                None,
                false
            ),
            gdpr(&["9"])
        );
    }

    /// The ECHR and its Protocol No. 1, whose long name holds the
    /// Convention's title, and the GDPR, with their articles' titles.
    fn european() -> Aliases {
        let names = vec![
            vec![
                "ECHR".to_string(),
                "Convention for the Protection of Human Rights and Fundamental Freedoms".into(),
            ],
            vec![
                "Protocol No. 1".to_string(),
                "Protocol to the Convention for the Protection of Human Rights and Fundamental Freedoms".into(),
            ],
            vec!["GDPR".to_string()],
        ];
        Aliases::new(&names, vec![false; 3]).with_titles(vec![
            vec![(
                "8".into(),
                "Right to respect for private and family life".into(),
            )],
            vec![("1".into(), "Protection of property".into())],
            vec![(
                "25".into(),
                "Data protection by design and by default".into(),
            )],
        ])
    }

    fn read(text: &str, default: Option<usize>) -> Vec<(Option<usize>, String, Attribution)> {
        let mut ctx = Context {
            default,
            ..Context::default()
        };
        scan(text, &european(), &mut ctx)
            .into_iter()
            .map(|f| (f.instrument, f.address, f.how))
            .collect()
    }

    #[test]
    fn a_protocol_named_for_one_article_leaves_the_rest_to_its_treaty() {
        let got = read(
            "complaints under Article 1 of Protocol No. 1 and Article 8, and Article 6 § 1",
            None,
        );
        let got: Vec<(Option<usize>, &str)> =
            got.iter().map(|(i, a, _)| (*i, a.as_str())).collect();
        assert_eq!(got, [(Some(1), "1"), (Some(0), "8"), (Some(0), "6(1)")]);
        // Named for its own sake, the protocol stays the context.
        let got = read(
            "Protocol No. 1 protects property. Its Article 1 says so.",
            None,
        );
        assert_eq!(got[0].0, Some(1));
    }

    #[test]
    fn an_instrument_named_later_in_the_sentence() {
        let got = read(
            "As regards further processing (Article 5(1)(b) and Article 6(4)) COM underlined the approach of the GDPR.",
            None,
        );
        assert_eq!(
            got,
            [
                (Some(2), "5(1)(b)".into(), Attribution::NamedLater),
                (Some(2), "6(4)".into(), Attribution::NamedLater)
            ]
        );
        // Named for another citation, or in the next sentence: not ours.
        let got = read("Article 5 differs from Article 8 of the GDPR.", None);
        assert_eq!(got[0].2, Attribution::Unresolved);
        let got = read("Article 5 differs. The GDPR says more.", None);
        assert_eq!(got[0].2, Attribution::Unresolved);
    }

    #[test]
    fn an_article_s_own_title_after_its_number_is_no_instrument() {
        // With the instrument in view, or as the one that titles it so.
        let got = read(
            "Art. 8 Right to respect for private and family life",
            Some(0),
        );
        assert_eq!(got, [(Some(0), "8".into(), Attribution::FrontMatter)]);
        let got = read("Guidelines on Article 25 Data Protection by Design", None);
        assert_eq!(got, [(Some(2), "25".into(), Attribution::NamedAfter)]);
        // Another title, or a name: not linked to the chapter's.
        let got = read("Article 25 Fines and penalties", Some(2));
        assert!(got.iter().all(|g| g.2 == Attribution::Elsewhere), "{got:?}");
        let got = read("Art. 109 Swiss military code", Some(2));
        assert!(got.iter().all(|g| g.2 == Attribution::Elsewhere), "{got:?}");
        // A sentence that begins after the numbers is the chapter's.
        let got = read("Article 8 Everyone has the right to respect", Some(0));
        assert_eq!(got, [(Some(0), "8".into(), Attribution::FrontMatter)]);
    }
}
