#include "klynge/enums.hpp"

#include <cctype>

#include "klynge/error.hpp"

namespace klynge {

#define KLYNGE_WORDS(E) const std::vector<EnumWord<E>>& EnumTraits<E>::words()

KLYNGE_WORDS(BodyKind)
{
  static const std::vector<EnumWord<BodyKind>> w{
      {BodyKind::cluster, "cluster", {"klynge", "sundhedsklynge"}},
      {BodyKind::council, "council", {"sundhedsråd", "råd"}},
      {BodyKind::region, "region", {"region"}},
      {BodyKind::municipality, "municipality", {"kommune"}},
      {BodyKind::other, "other", {"anden", "andet"}},
  };
  return w;
}

KLYNGE_WORDS(GroupLevel)
{
  static const std::vector<EnumWord<GroupLevel>> w{
      {GroupLevel::political, "political", {"politisk"}},
      {GroupLevel::strategic, "strategic", {"strategisk", "fagligt_strategisk"}},
      {GroupLevel::coordination, "coordination", {"koordinering", "implementeringsniveau", "koordineringsforum"}},
      {GroupLevel::implementation, "implementation", {"implementering", "ipg", "implementeringsgruppe", "temaudvalg"}},
      {GroupLevel::operations, "operations", {"drift", "driftsgruppe", "driftsforum"}},
      {GroupLevel::project, "project", {"projekt", "projektstyregruppe"}},
      {GroupLevel::other, "other", {"anden", "andet"}},
  };
  return w;
}

KLYNGE_WORDS(InitiativeKind)
{
  static const std::vector<EnumWord<InitiativeKind>> w{
      {InitiativeKind::cluster_project, "cluster_project", {"klyngeprojekt"}},
      {InitiativeKind::lead, "lead", {"lead", "lead-indsats"}},
      {InitiativeKind::free, "free", {"fri", "fri_indsats"}},
      {InitiativeKind::joint, "joint", {"fælles", "fælles_indsats"}},
      {InitiativeKind::improvement, "improvement", {"forbedring", "forbedringsinitiativ"}},
      {InitiativeKind::evaluation, "evaluation", {"evaluering"}},
      {InitiativeKind::other, "other", {"anden", "andet"}},
  };
  return w;
}

KLYNGE_WORDS(InitiativeStatus)
{
  static const std::vector<EnumWord<InitiativeStatus>> w{
      {InitiativeStatus::proposed, "proposed", {"foreslået"}},
      {InitiativeStatus::approved, "approved", {"godkendt"}},
      {InitiativeStatus::active, "active", {"aktiv", "igang"}},
      {InitiativeStatus::paused, "paused", {"pauset", "i_bero"}},
      {InitiativeStatus::completed, "completed", {"afsluttet"}},
      {InitiativeStatus::cancelled, "cancelled", {"annulleret", "aflyst"}},
      {InitiativeStatus::transferred, "transferred", {"overdraget"}},
  };
  return w;
}

KLYNGE_WORDS(EntryKind)
{
  static const std::vector<EnumWord<EntryKind>> w{
      {EntryKind::opening, "opening", {"primo", "primo_saldo"}},
      {EntryKind::receipt, "receipt", {"modtaget", "tilskud", "modtaget_tilskud"}},
      {EntryKind::grant, "grant", {"bevilling"}},
      {EntryKind::reserve, "reserve", {"reservation"}},
      {EntryKind::unreserve, "unreserve", {"frigivet", "frigivet_reservation"}},
      {EntryKind::return_, "return", {"tilbageført", "tilbageførsel"}},
      {EntryKind::expense, "expense", {"forbrug", "udgift"}},
      {EntryKind::contribution, "contribution", {"medfinansiering"}},
  };
  return w;
}

KLYNGE_WORDS(MilestoneKind)
{
  static const std::vector<EnumWord<MilestoneKind>> w{
      {MilestoneKind::start, "start", {"start"}},
      {MilestoneKind::delivery, "delivery", {"levering", "leverance"}},
      {MilestoneKind::report, "report", {"rapport"}},
      {MilestoneKind::decision, "decision", {"beslutning"}},
      {MilestoneKind::end, "end", {"slut", "afslutning"}},
      {MilestoneKind::handover, "handover", {"overdragelse"}},
      {MilestoneKind::other, "other", {"anden", "andet"}},
  };
  return w;
}

KLYNGE_WORDS(ChangeField)
{
  static const std::vector<EnumWord<ChangeField>> w{
      {ChangeField::status, "status", {"status"}},
      {ChangeField::end, "end", {"slut"}},
      {ChangeField::owner, "owner", {"ejer"}},
      {ChangeField::group, "group", {"styregruppe"}},
      {ChangeField::active_to, "active_to", {"aktiv_til"}},
      {ChangeField::successor, "successor", {"efterfølger"}},
      {ChangeField::successor_from, "successor_from", {"efterfølger_fra"}},
  };
  return w;
}

KLYNGE_WORDS(IndicatorUnit)
{
  static const std::vector<EnumWord<IndicatorUnit>> w{
      {IndicatorUnit::percent, "percent", {"procent"}},
      {IndicatorUnit::count, "count", {"antal"}},
      {IndicatorUnit::ratio, "ratio", {"forhold"}},
      {IndicatorUnit::kroner, "kroner", {"kroner"}},
      {IndicatorUnit::days, "days", {"dage"}},
  };
  return w;
}

KLYNGE_WORDS(Direction)
{
  static const std::vector<EnumWord<Direction>> w{
      {Direction::lower, "lower", {"lavere"}},
      {Direction::higher, "higher", {"højere"}},
  };
  return w;
}

KLYNGE_WORDS(Cadence)
{
  static const std::vector<EnumWord<Cadence>> w{
      {Cadence::month, "month", {"måned"}},
      {Cadence::quarter, "quarter", {"kvartal"}},
      {Cadence::none, "none", {"ingen"}},
  };
  return w;
}
#undef KLYNGE_WORDS

namespace {
/// Whether `text` is the word `word` in any case, a space standing for its underscore ('primo saldo', the
/// glossary's term, is 'primo_saldo').
bool same_word(std::string_view text, std::string_view word)
{
  if (text.size() != word.size()) return false;
  // The byte after 0xC3 is a letter of Latin-1's upper half: À–Þ (but ×) are 0x80–0x9E, their small forms 0x20
  // above, so `HØJERE` is `højere` and `MÅNED` `måned`.
  auto folded = [](std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (i > 0 && static_cast<unsigned char>(s[i - 1]) == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) return c + 0x20;
    return std::tolower(c);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' && word[i] == '_') continue;
    if (folded(text, i) != folded(word, i)) return false;
  }
  return true;
}
}  // namespace

template <class E> std::string_view to_text(E value)
{
  for (const auto& w : EnumTraits<E>::words())
    if (w.value == value) return w.english;
  return "?";
}

template <class E> std::string_view to_danish(E value)
{
  for (const auto& w : EnumTraits<E>::words())
    if (w.value == value) return *w.danish.begin();
  return "?";
}

template <class E> E parse_enum(std::string_view text)
{
  // The stored form first: the exact English word (every row read from the database has it).
  for (const auto& w : EnumTraits<E>::words())
    if (text == w.english) return w.value;
  for (const auto& w : EnumTraits<E>::words()) {
    if (same_word(text, w.english)) return w.value;
    for (auto d : w.danish)
      if (same_word(text, d)) return w.value;
  }
  // Each choice with its Danish word where that differs: a Danish file is answered in its own words too.
  std::string choices;
  for (const auto& w : EnumTraits<E>::words()) {
    if (!choices.empty()) choices += ", ";
    choices += w.english;
    if (w.danish.size() > 0 && *w.danish.begin() != w.english) choices += " (" + std::string(*w.danish.begin()) + ")";
  }
  const std::string_view what = EnumTraits<E>::what;  // "an initiative kind", "a unit"
  const bool vowel = !what.empty() && std::string_view("aeio").find(what.front()) != std::string_view::npos;
  throw ValueError("'" + std::string(text) + "' is not " + (vowel ? "an " : "a ") + std::string(what) +
                   " (one of: " + choices + ")");
}

#define KLYNGE_INSTANTIATE(E)                                                                        \
  template std::string_view to_text<E>(E);                                                           \
  template std::string_view to_danish<E>(E);                                                         \
  template E parse_enum<E>(std::string_view);
KLYNGE_INSTANTIATE(BodyKind)
KLYNGE_INSTANTIATE(GroupLevel)
KLYNGE_INSTANTIATE(InitiativeKind)
KLYNGE_INSTANTIATE(InitiativeStatus)
KLYNGE_INSTANTIATE(EntryKind)
KLYNGE_INSTANTIATE(MilestoneKind)
KLYNGE_INSTANTIATE(ChangeField)
KLYNGE_INSTANTIATE(IndicatorUnit)
KLYNGE_INSTANTIATE(Direction)
KLYNGE_INSTANTIATE(Cadence)
#undef KLYNGE_INSTANTIATE

}  // namespace klynge
