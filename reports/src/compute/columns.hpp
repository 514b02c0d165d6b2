#pragma once
// Every report column once: its machine name, its csv-da name and its type. Reports list them in their order.

#include "klynge/reports/table.hpp"

namespace klynge::reports::cols {

inline const Column initiative{"initiative", "indsats", CellType::text};
inline const Column name{"name", "navn", CellType::text};
inline const Column owner{"owner", "ejer", CellType::text};
inline const Column remaining{"remaining", "resterende", CellType::money};
inline const Column owner_free{"owner_free", "ejers_frie_midler", CellType::money};
inline const Column available{"available", "til_rådighed", CellType::money};
inline const Column estimated{"estimated", "estimeret", CellType::money};
inline const Column margin{"margin", "margin", CellType::money};
inline const Column from{"from", "fra", CellType::date};
inline const Column to{"to", "til", CellType::date};
inline const Column decision{"decision", "beslutning", CellType::text};
inline const Column date{"date", "dato", CellType::date};
inline const Column group{"group", "styregruppe", CellType::text};
inline const Column item{"item", "punkt", CellType::text};
inline const Column title{"title", "titel", CellType::text};
inline const Column amount{"amount", "beløb", CellType::money};
inline const Column body{"body", "organisation", CellType::text};
inline const Column received{"received", "modtaget", CellType::money};
inline const Column granted{"granted", "bevilget", CellType::money};
inline const Column reserved{"reserved", "reserveret", CellType::money};
inline const Column released{"released", "frigivet", CellType::money};
inline const Column contributed{"contributed", "medfinansieret", CellType::money};
inline const Column returned{"returned", "tilbageført", CellType::money};
inline const Column free{"free", "fri", CellType::money};
inline const Column budget{"budget", "budget", CellType::money};
inline const Column spent{"spent", "forbrug", CellType::money};
inline const Column over_committed{"over_committed", "overdisponeret", CellType::flag};
inline const Column period{"period", "periode", CellType::text};
inline const Column successor{"successor", "efterfølger", CellType::text};
inline const Column from_owner{"from_owner", "fra_ejer", CellType::text};
inline const Column estimated_after_owner{"estimated_after_owner", "estimeret_efter_ejer", CellType::money};
inline const Column gap{"gap", "mangler", CellType::money};
inline const Column open_milestones{"open_milestones", "åbne_milepæle", CellType::count};
inline const Column decisions{"decisions", "beslutninger", CellType::list};
inline const Column successor_from{"successor_from", "efterfølger_fra", CellType::date};
inline const Column days_without_owner{"days_without_owner", "dage_uden_ejer", CellType::integer};
inline const Column end{"end", "slut", CellType::date};
inline const Column status{"status", "status", CellType::word};
inline const Column start{"start", "start", CellType::date};
inline const Column reserved_for{"reserved_for", "reserveret_til", CellType::money};
inline const Column next_milestone{"next_milestone", "næste_milepæl", CellType::text};
inline const Column next_due{"next_due", "næste_frist", CellType::date};
inline const Column overdue{"overdue", "forsinket", CellType::count};
inline const Column rag{"rag", "farve", CellType::word};
inline const Column reasons{"reasons", "begrundelse", CellType::list};
inline const Column burn_rate_month{"burn_rate_month", "forbrug_pr_måned", CellType::money};
inline const Column run_out{"run_out", "midler_slutter", CellType::date};
inline const Column owner_until{"owner_until", "ejer_til", CellType::date};
inline const Column runs_past_owner{"runs_past_owner", "løber_efter_ejer", CellType::flag};
inline const Column owners{"owners", "ejere", CellType::list};
inline const Column category{"category", "kategori", CellType::text};
inline const Column planned_to_date{"planned_to_date", "planlagt_til_dato", CellType::money};
inline const Column actual_to_date{"actual_to_date", "faktisk_til_dato", CellType::money};
inline const Column variance_to_date{"variance_to_date", "afvigelse_til_dato", CellType::money};
inline const Column forecast_at_completion{"forecast_at_completion", "prognose_ved_afslutning", CellType::money};
inline const Column variance_at_completion{"variance_at_completion", "afvigelse_ved_afslutning", CellType::money};
inline const Column estimated_on{"estimated_on", "estimeret_dato", CellType::date};

// indicators
inline const Column indicator{"indicator", "indikator", CellType::text};
inline const Column unit{"unit", "enhed", CellType::word};
inline const Column direction{"direction", "retning", CellType::word};
inline const Column baseline{"baseline", "baseline", CellType::number};
inline const Column latest{"latest", "seneste", CellType::number};
inline const Column latest_date{"latest_date", "seneste_dato", CellType::date};
inline const Column previous{"previous", "forrige", CellType::number};
inline const Column previous_date{"previous_date", "forrige_dato", CellType::date};
inline const Column change{"change", "ændring", CellType::number};
inline const Column target{"target", "mål", CellType::number};
inline const Column target_date{"target_date", "måldato", CellType::date};
inline const Column better{"better", "bedre", CellType::flag};
inline const Column indicators_rag{"indicators_rag", "indikatorer_farve", CellType::word};
// reporting
inline const Column lead{"lead", "projektleder", CellType::text};
inline const Column cadence{"cadence", "kadence", CellType::word};
inline const Column last_expense{"last_expense", "seneste_forbrug", CellType::date};
inline const Column periods_missing{"periods_missing", "manglende_perioder", CellType::integer};
inline const Column days_since{"days_since", "dage_siden", CellType::integer};
// sharing
inline const Column share_pct{"share_pct", "andel_pct", CellType::percent};
inline const Column pays_estimated{"pays_estimated", "betaler_estimeret", CellType::money};
inline const Column pays_gap{"pays_gap", "betaler_mangler", CellType::money};

}  // namespace klynge::reports::cols
