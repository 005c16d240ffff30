#include "models/studies/calibration.h"
#include "models/studies/calibration_scale.h"
#include "models/studies/run.h"

#include <boost/random/normal_distribution.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

#include "engine/least_squares.h"
#include "engine/parallel_map.h"
#include "engine/rng.h"
#include "models/chain/chain_model.h"
#include "models/chain/parameter_path.h"
#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"
#include "models/io/toml_reader.h"
#include "models/measure/outcomes.h"

namespace doorstroom::embedded {
extern const std::string_view calibration;
}

namespace doorstroom::models {

std::string_view embedded_calibration_settings() { return embedded::calibration; }

CalibrationSettings read_calibration_settings(std::string_view text, const std::string& file) {
  const toml::table root = parse_toml(text, file);
  TableReader r(root, "", file);
  CalibrationSettings s;
  s.free = r.strings("free");
  s.students = static_cast<std::uint64_t>(r.optional_number("students", 7, 1e8).value_or(140000));
  s.seed = static_cast<std::uint32_t>(r.optional_number("seed", 0, 4294967295.0).value_or(20180601));
  s.max_iterations = static_cast<int>(r.optional_number("max_iterations", 1, 1000).value_or(25));
  s.draws = static_cast<int>(r.optional_number("draws", 0, 10000).value_or(50));
  s.draw_iterations = static_cast<int>(r.optional_number("draw_iterations", 1, 1000).value_or(6));
  s.prior_sd = r.optional_number("prior_sd", 0.01, 100).value_or(2.0);
  s.difference_step = r.optional_number("difference_step", 1e-4, 1).value_or(0.05);
  s.tolerance = r.optional_number("tolerance", 0.0, 1.0).value_or(1e-4);
  r.allow("source");
  r.finish();
  return s;
}

namespace {

// Bootstrap draw b's observations: every target shifted by a normal error of its standard error.
std::vector<Target> perturbed_targets(const std::vector<Target>& targets, std::uint32_t seed, int b) {
  std::vector<Target> perturbed = targets;
  for (std::size_t i = 0; i < perturbed.size(); ++i) {
    engine::CaseStream rng(seed, static_cast<std::uint32_t>(1000 + b), i, engine::stream::bootstrap);
    const double shift = boost::random::normal_distribution<double>(0.0, perturbed[i].standard_error())(rng);
    Target& t = perturbed[i];
    t.value = std::clamp(t.value + shift, 0.0, 1.0);
    if (t.low) {
      t.low = std::clamp(*t.low + shift, 0.0, 1.0);
      t.high = std::clamp(*t.high + shift, 0.0, 1.0);
    }
  }
  return perturbed;
}

// Parametric bootstrap: refits to perturbed targets, the draws in parallel (one simulation at a
// time each). A draw starts from the optimum with the fit's Jacobian: the perturbed objective has
// the same simulations, only other observations, so that Jacobian is nearly right there, and
// Broyden updates keep it so; a draw computes a full Jacobian only when no step lowers its cost.
// Each draw depends on its index only, so the draws are the same for any thread count.
struct BootstrapDraws {
  std::vector<std::vector<double>> draws;  // per draw, per free path
  int evaluations = 0;
};

template <class MakeResiduals>
BootstrapDraws bootstrap(const engine::LeastSquaresResult& fit, engine::LeastSquaresOptions lm,
                         const CalibrationSettings& settings, const std::vector<Target>& targets,
                         const MakeResiduals& make_residuals, const std::vector<Transform>& transforms,
                         const CalibrationLog& log) {
  lm.max_iterations = settings.draw_iterations;
  lm.threads = 1;
  lm.broyden = true;
  std::mutex log_mutex;
  int finished = 0;
  const auto refits = engine::parallel_map(static_cast<std::size_t>(settings.draws), settings.threads, [&](std::size_t b) {
    auto refit = engine::levenberg_marquardt(make_residuals(perturbed_targets(targets, settings.seed, static_cast<int>(b))),
                                             fit.x, lm, {}, fit.jacobian);
    if (log) {
      const std::lock_guard lock(log_mutex);
      log("bootstrap draw " + std::to_string(++finished) + " of " + std::to_string(settings.draws) + " (" +
          std::to_string(refit.evaluations) + " simulations)");
    }
    return refit;
  });
  BootstrapDraws out;
  for (const auto& refit : refits) {
    std::vector<double> draw;
    for (Eigen::Index i = 0; i < refit.x.size(); ++i) draw.push_back(transforms[static_cast<std::size_t>(i)].from_x(refit.x[i]));
    out.draws.push_back(std::move(draw));
    out.evaluations += refit.evaluations;
  }
  return out;
}

}  // namespace

std::vector<double> simulate_targets(const ParameterSet& parameters, const std::vector<Target>& targets,
                                     const SimulationOptions& options) {
  const ChainModel model = compile(parameters);
  const SimulationResult result = simulate(model, options);
  OutcomeSelection cells;
  for (const auto& t : targets) cells.add(t.population, t.origin, t.variant, t.measure);
  const auto rows = tabulate_outcomes(model, result.replicates, result.simulated, engine::IntervalKind::mean, {}, {}, &cells);
  std::vector<double> values;
  for (const auto& s : match_targets(rows, targets)) values.push_back(s.mean);
  return values;
}

CalibrationResult calibrate(const ParameterSet& start, const std::vector<Target>& all_targets,
                            const CalibrationSettings& settings, const CalibrationLog& log,
                            const std::vector<CalibrationStart>& also_from) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Target> targets;
  for (const auto& t : all_targets)
    if (t.role == TargetRole::calibrate) targets.push_back(t);
  if (targets.empty()) throw InputError("calibrate: no target has role 'calibrate'");

  const auto transforms = transforms_for(start, settings.free);
  const auto n = static_cast<Eigen::Index>(settings.free.size());
  Eigen::VectorXd x0(n);
  for (Eigen::Index i = 0; i < n; ++i)
    x0[i] = transforms[static_cast<std::size_t>(i)].to_x(get_parameter(start, settings.free[static_cast<std::size_t>(i)]));

  SimulationOptions options;
  options.students = settings.students;
  options.replications = 1;
  options.seed = settings.seed;
  // The threads go to the columns of a Jacobian and to the bootstrap draws, one simulation each,
  // which keeps both cores busy; threads inside one simulation of 140,000 students would not.
  options.threads = 1;

  // Residuals against (possibly perturbed) observations: one per target, one per prior.
  auto make_residuals = [&](std::vector<Target> observed) {
    return [&, observed](const Eigen::VectorXd& x) {
      const ParameterSet p = with_values(start, settings.free, transforms, x);
      const auto sim = simulate_targets(p, observed, options);
      Eigen::VectorXd r(static_cast<Eigen::Index>(observed.size()) + n);
      for (std::size_t i = 0; i < observed.size(); ++i) r[static_cast<Eigen::Index>(i)] = observed[i].z(sim[i]);
      for (Eigen::Index i = 0; i < n; ++i)
        r[static_cast<Eigen::Index>(observed.size()) + i] = (x[i] - x0[i]) / settings.prior_sd;
      return r;
    };
  };

  engine::LeastSquaresOptions lm;
  lm.max_iterations = settings.max_iterations;
  lm.difference_step = settings.difference_step;
  lm.relative_tolerance = settings.tolerance;
  lm.threads = settings.threads;
  const auto residuals = make_residuals(targets);
  CalibrationResult result;
  const auto fit_from = [&](const std::string& name, const Eigen::VectorXd& x) {
    if (log && !also_from.empty()) log("fit from " + name);
    auto fit = engine::levenberg_marquardt(residuals, x, lm, [&](int it, double cost, double damping) {
      if (log) {
        std::ostringstream s;
        s << "iteration " << it << ": cost " << cost << " (damping " << damping << ")";
        log(s.str());
      }
    });
    result.starts.push_back({name, fit.cost, fit.iterations});
    result.evaluations += fit.evaluations;
    return fit;
  };
  auto fit = fit_from("the first values", x0);
  for (const auto& other : also_from) {
    Eigen::VectorXd x(n);
    for (Eigen::Index i = 0; i < n; ++i)
      x[i] = transforms[static_cast<std::size_t>(i)].to_x(get_parameter(other.parameters, settings.free[static_cast<std::size_t>(i)]));
    auto candidate = fit_from(other.name, x);
    if (candidate.cost < fit.cost) {
      fit = std::move(candidate);
      result.kept = result.starts.size() - 1;
    }
  }

  result.fitted = with_values(start, settings.free, transforms, fit.x);
  for (Eigen::Index i = 0; i < n; ++i) result.values.push_back(transforms[static_cast<std::size_t>(i)].from_x(fit.x[i]));
  result.cost = fit.cost;
  result.iterations = fit.iterations;
  result.stopped_because = fit.stopped_because;

  auto boot = bootstrap(fit, lm, settings, targets, make_residuals, transforms, log);
  result.draws = std::move(boot.draws);
  result.evaluations += boot.evaluations;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

std::string calibrated_patch(const ParameterSet& fitted, const std::vector<std::string>& free,
                             const std::string& header_comment) {
  // Group the free paths by the TOML key that holds them (an array or a table is written whole).
  std::map<std::string, std::vector<std::string>> by_record;  // "route.x" -> fields
  for (const auto& path : free) {
    const auto first = path.find('.');
    const auto second = path.find('.', first + 1);
    std::string field = path.substr(second + 1);
    field = field.substr(0, field.find_first_of(".["));
    auto& fields = by_record[path.substr(0, second)];
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  }
  std::ostringstream out;
  out.precision(9);  // shares of one distribution must still sum to 1 within 1e-6 when read back
  out << header_comment;
  for (const auto& [record, fields] : by_record) {
    out << "\n[" << record << "]\n";
    const std::string section = record.substr(0, record.find('.'));
    const std::string name = record.substr(record.find('.') + 1);
    for (const auto& field : fields) {
      auto write_shares = [&](const Shares& shares) {
        out << field << " = { ";
        for (std::size_t i = 0; i < shares.size(); ++i)
          out << (i ? ", " : "") << '"' << shares[i].first << "\" = " << shares[i].second;
        out << " }\n";
      };
      auto write_array = [&](const std::vector<double>& values) {
        out << field << " = [";
        for (std::size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
        out << "]\n";
      };
      if (section == "route") {
        const auto& r = *std::find_if(fitted.routes.begin(), fitted.routes.end(), [&](const Route& x) { return x.name == name; });
        if (field == "rates") write_array(r.rates);
        if (field == "leave" || field == "pass") write_array(r.leave);
        if (field == "to") write_shares(r.to);
      } else if (section == "modifier") {
        const auto& m = *std::find_if(fitted.modifiers.begin(), fitted.modifiers.end(), [&](const Modifier& x) { return x.name == name; });
        if (field == "rate") out << "rate = " << m.rate << "\n";
        if (field == "odds") write_shares(m.odds);
      } else if (section == "mix") {
        const auto& m = *std::find_if(fitted.mixes.begin(), fitted.mixes.end(), [&](const Mix& x) { return x.name == name; });
        write_shares(m.to);
      } else if (section == "age_rule") {
        const auto& a = *std::find_if(fitted.age_rules.begin(), fitted.age_rules.end(), [&](const AgeRule& x) { return x.name == name; });
        out << "rate = " << a.rate << "\n";
      } else if (section == "stratum") {
        const auto& s = *std::find_if(fitted.strata.begin(), fitted.strata.end(), [&](const Stratum& x) { return x.name == name; });
        if (field == "start") write_shares(s.start);
        else out << field << " = " << get_parameter(fitted, record + "." + field) << "\n";
      }
    }
  }
  return out.str();
}

std::string draws_csv(const std::vector<std::string>& free, const std::vector<std::vector<double>>& draws) {
  std::ostringstream out;
  out.precision(8);
  out << "draw";
  for (const auto& p : free) out << ',' << p;
  out << '\n';
  for (std::size_t d = 0; d < draws.size(); ++d) {
    out << d + 1;
    for (double v : draws[d]) out << ',' << v;
    out << '\n';
  }
  return out.str();
}

std::vector<std::vector<std::pair<std::string, double>>> read_draws(std::string_view text, const std::string& file) {
  const CsvTable table = parse_csv(text, file);
  if (table.header.empty() || table.header[0] != "draw") throw InputError(file + ":1: expected a first column 'draw'");
  std::vector<std::vector<std::pair<std::string, double>>> draws;
  for (const auto& row : table.rows) {
    std::vector<std::pair<std::string, double>> values;
    for (std::size_t c = 1; c < row.fields.size(); ++c) {
      const auto v = parse_number(row.fields[c]);
      if (!v)
        throw InputError(file + ":" + std::to_string(row.line) + ": " + table.header[c] + ": expected a number, found '" +
                         row.fields[c] + "'");
      values.emplace_back(table.header[c], *v);
    }
    draws.push_back(std::move(values));
  }
  return draws;
}

}  // namespace doorstroom::models

#include <cstdio>
#include <filesystem>

#include "system/atomic_file.h"
#include "git_commit.h"

namespace doorstroom::models {

CalibrationResult calibrate_to_files(const CalibrateRequest& request) {
  const TargetFile target_file = load_targets(request.targets_file);
  const std::string settings_text = request.settings_file.empty() ? std::string(embedded_calibration_settings())
                                                                  : read_text_file(request.settings_file, "calibration settings");
  const std::string settings_name =
      request.settings_file.empty() ? "embedded:models/data/calibration.toml" : request.settings_file;
  CalibrationSettings settings = read_calibration_settings(settings_text, settings_name);
  settings.threads = request.threads;
  if (request.draws) settings.draws = *request.draws;
  if (request.students) settings.students = *request.students;

  // The first values are always a start, and the prior's centre; an earlier fit is a start only
  // when named (--start), and then the command line in the header says so.
  const Scenario base = load_scenario(embedded_baseline(), "embedded:scenarios/baseline.toml", embedded_parameters(),
                                      "embedded:models/data/parameters.toml");
  std::vector<CalibrationStart> also_from;
  for (const auto& file : request.start_files)
    also_from.push_back({file, load_calibrated("", read_text_file(file, "calibrated start (--start)"), file).parameters});
  const CalibrationResult result = calibrate(
      base.parameters, target_file.targets, settings,
      [&](const std::string& line) {
        if (request.progress) std::fprintf(stderr, "calibrate: %s\n", line.c_str());
      },
      also_from);

  std::filesystem::create_directories(request.out_dir);
  std::ostringstream header;
  header << "# Calibrated values, written by `doorstroom calibrate`; do not edit by hand.\n"
         << "# Applied over models/data/parameters.toml (same names); docs/calibration.md shows the fit.\n"
         << "# command: " << request.command_line << "\n"
         << "# commit: " << DOORSTROOM_GIT << "; targets: " << target_file.name << " (fnv1a64 " << target_file.hash
         << "); settings: " << settings_name << "\n"
         << "# weighted least squares: cost " << result.cost << " after " << result.iterations << " iterations ("
         << result.stopped_because << "), " << result.evaluations << " simulations, " << result.seconds << " s\n";
  if (result.starts.size() > 1) {
    header << "# starts:";
    for (const auto& s : result.starts)
      header << " " << s.name << " cost " << s.cost << " (" << s.iterations << " iterations)"
             << (&s == &result.starts.back() ? "" : ";");
    header << "; kept the fit from " << result.starts[result.kept].name << "\n";
  }
  system::write_file_atomically(std::filesystem::path(request.out_dir) / "calibrated.toml",
                                calibrated_patch(result.fitted, settings.free, header.str()));
  system::write_file_atomically(std::filesystem::path(request.out_dir) / "parameter_draws.csv",
                                draws_csv(settings.free, result.draws));
  return result;
}

}  // namespace doorstroom::models
