#pragma once
// The Sankey of the workshop page: the flows of replicate 0 (models/measure/flows.h) of the
// students who left pro, vso, vmbo-b or isk, as links between four columns
//   origin -> route at T -> position at T + 1 -> outcome at T + 5
// summed over the strata. Students never followed to a T are left out, as in report.html.
#include <string>

#include "models/chain/chain_model.h"
#include "models/measure/flows.h"

namespace doorstroom::serve {

// A JSON array of [from, to, students] with nodes named "o:pro", "r:entree_bol",
// "p:niveau2plus", "u:startkwalificatie" (column letter, then the name of flows.csv).
std::string flow_links_json(const models::ChainModel& model, const models::FlowTally& tally);

}  // namespace doorstroom::serve
