/** A problem with the whole form (wrong password, expired link), announced when it appears. */
export function FormProblem({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p className="form__problem" role="alert">
      {problem}
    </p>
  );
}
