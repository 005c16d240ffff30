#pragma once
// The states of the education chain, in the users' words, and what each state means for the
// census: where the student is (vo, entree, niveau 2+, other education, outside school), in which
// enrolment variant, which mbo diploma they hold, and what they do. The census definitions of the
// reports (seed 003, Bijlage I and III) are read off these attributes, never off state names.
#include <array>
#include <optional>
#include <string_view>

namespace doorstroom::models {

enum class State : int {
  pro,                         // praktijkonderwijs
  vso,                         // voortgezet speciaal onderwijs
  vmbo_b,                      // vmbo basisberoepsgerichte leerweg
  isk,                         // internationale schakelklas (nieuwkomers)
  entree_bol,                  // entreeopleiding, beroepsopleidende leerweg (school-based)
  entree_bbl,                  // entreeopleiding, beroepsbegeleidende leerweg (work-based)
  entree_examendeelnemer,      // entree taught inside pro/vso/vo, exam at the mbo
  niveau2,                     // mbo niveau 2, entered without an entree diploma
  niveau2_met_entreediploma,   // mbo niveau 2 after an entree diploma
  mbo3plus,                    // mbo niveau 3 or 4, after a startkwalificatie
  ander_onderwijs,             // education outside the modelled chain: other vo, vavo, ho
  werk_zonder_diploma,         // work >= 12 h a week, no mbo diploma
  werk_met_entreediploma,
  werk_met_startkwalificatie,
  uitkering_zonder_diploma,    // a benefit and no work
  uitkering_met_entreediploma,
  uitkering_met_startkwalificatie,
  thuis_zonder_diploma,        // no school, no work (>= 12 h), no benefit
  thuis_met_entreediploma,
  thuis_met_startkwalificatie,
  beschut_werk_dagbesteding,   // beschut werk or dagbesteding (pro/vso arbeids- and dagbestedingsprofiel)
  buiten_brp,                  // no longer in the BRP (left the country)
};
inline constexpr int kStates = 22;

enum class Place { vo, entree, niveau2plus, other_education, outside };
enum class Variant { bol, bbl, examendeelnemer, none };
enum class Credential { none, entree, startkwalificatie };
enum class Activity { in_education, work, uitkering, no_school_no_work, beschut, not_in_brp };

struct StateInfo {
  State state;
  std::string_view name;
  std::string_view label;  // the users' words (Dutch), as a biography shows the state
  Place place;
  Variant variant;
  Credential credential;
  Activity activity;
};

inline constexpr std::array<StateInfo, kStates> kStateInfo{{
    {State::pro, "pro", "praktijkonderwijs", Place::vo, Variant::none, Credential::none, Activity::in_education},
    {State::vso, "vso", "voortgezet speciaal onderwijs", Place::vo, Variant::none, Credential::none, Activity::in_education},
    {State::vmbo_b, "vmbo_b", "vmbo basis", Place::vo, Variant::none, Credential::none, Activity::in_education},
    {State::isk, "isk", "internationale schakelklas", Place::vo, Variant::none, Credential::none, Activity::in_education},
    {State::entree_bol, "entree_bol", "entree bol", Place::entree, Variant::bol, Credential::none, Activity::in_education},
    {State::entree_bbl, "entree_bbl", "entree bbl", Place::entree, Variant::bbl, Credential::none, Activity::in_education},
    {State::entree_examendeelnemer, "entree_examendeelnemer", "entree als examendeelnemer", Place::entree, Variant::examendeelnemer,
     Credential::none, Activity::in_education},
    {State::niveau2, "niveau2", "niveau 2", Place::niveau2plus, Variant::none, Credential::none, Activity::in_education},
    {State::niveau2_met_entreediploma, "niveau2_met_entreediploma", "niveau 2 (met entreediploma)", Place::niveau2plus, Variant::none,
     Credential::entree, Activity::in_education},
    {State::mbo3plus, "mbo3plus", "mbo niveau 3/4", Place::niveau2plus, Variant::none, Credential::startkwalificatie,
     Activity::in_education},
    {State::ander_onderwijs, "ander_onderwijs", "ander onderwijs", Place::other_education, Variant::none, Credential::none,
     Activity::in_education},
    {State::werk_zonder_diploma, "werk_zonder_diploma", "werk", Place::outside, Variant::none, Credential::none,
     Activity::work},
    {State::werk_met_entreediploma, "werk_met_entreediploma", "werk", Place::outside, Variant::none, Credential::entree,
     Activity::work},
    {State::werk_met_startkwalificatie, "werk_met_startkwalificatie", "werk", Place::outside, Variant::none,
     Credential::startkwalificatie, Activity::work},
    {State::uitkering_zonder_diploma, "uitkering_zonder_diploma", "uitkering", Place::outside, Variant::none, Credential::none,
     Activity::uitkering},
    {State::uitkering_met_entreediploma, "uitkering_met_entreediploma", "uitkering", Place::outside, Variant::none,
     Credential::entree, Activity::uitkering},
    {State::uitkering_met_startkwalificatie, "uitkering_met_startkwalificatie", "uitkering", Place::outside, Variant::none,
     Credential::startkwalificatie, Activity::uitkering},
    {State::thuis_zonder_diploma, "thuis_zonder_diploma", "thuis (geen school, geen werk)", Place::outside, Variant::none, Credential::none,
     Activity::no_school_no_work},
    {State::thuis_met_entreediploma, "thuis_met_entreediploma", "thuis (geen school, geen werk)", Place::outside, Variant::none, Credential::entree,
     Activity::no_school_no_work},
    {State::thuis_met_startkwalificatie, "thuis_met_startkwalificatie", "thuis (geen school, geen werk)", Place::outside, Variant::none,
     Credential::startkwalificatie, Activity::no_school_no_work},
    {State::beschut_werk_dagbesteding, "beschut_werk_dagbesteding", "beschut werk of dagbesteding", Place::outside, Variant::none,
     Credential::none, Activity::beschut},
    {State::buiten_brp, "buiten_brp", "vertrokken uit Nederland", Place::outside, Variant::none, Credential::none, Activity::not_in_brp},
}};

constexpr const StateInfo& info(State s) { return kStateInfo[static_cast<std::size_t>(s)]; }
constexpr const StateInfo& info(int s) { return kStateInfo[static_cast<std::size_t>(s)]; }
constexpr std::string_view name(State s) { return info(s).name; }

constexpr std::optional<State> state_named(std::string_view name) {
  for (const auto& i : kStateInfo)
    if (i.name == name) return i.state;
  return std::nullopt;
}

constexpr bool in_mbo(const StateInfo& i) { return i.place == Place::entree || i.place == Place::niveau2plus; }

}  // namespace doorstroom::models

namespace doorstroom::models {
static_assert(
    [] {
      for (int i = 0; i < kStates; ++i)
        if (static_cast<int>(kStateInfo[static_cast<std::size_t>(i)].state) != i) return false;
      return true;
    }(),
    "kStateInfo must list the states in enum order");
static_assert(
    [] {
      for (const auto& i : kStateInfo)
        if (i.name.empty() || i.label.empty()) return false;
      return true;
    }(),
    "every state has a name and a label");
}  // namespace doorstroom::models
