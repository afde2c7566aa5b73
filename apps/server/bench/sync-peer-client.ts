/**
 * The clients of one measurement of `pnpm bench:sync --peers`, in a process of their own that the comparison
 * forks per measurement: it receives a `Measurement`, runs its scenario and answers the figures. A client
 * process that lives through the whole comparison measures itself too: after hundreds of thousands of sockets
 * and documents its own collector and call sites slow the accepts and deliveries it times, and most for the
 * servers that happen to run late in a round.
 */
import { peerScenarios, type Figures, type Measurement } from './sync-peer-scenarios.ts';
import { targetAt } from './sync-targets.ts';

/** What the process answers: the figures, or why it could not measure. */
export type ClientAnswer = { figures: Figures } | { error: string };

// Every y-websocket provider in Node adds a process 'exit' listener; hundreds of clients are the point here.
process.setMaxListeners(0);

const answer = (message: ClientAnswer) => process.send!(message, () => process.exit(0));

process.once('message', (measurement: Measurement) => {
  const scenario = peerScenarios.find((s) => s.name === measurement.scenario);
  if (!scenario) return answer({ error: `unknown scenario ${measurement.scenario}` });
  scenario.run(targetAt(measurement.address), measurement).then(
    (figures) => answer({ figures }),
    (error: unknown) =>
      answer({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
