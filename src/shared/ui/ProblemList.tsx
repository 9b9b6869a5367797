/** Problems from the last attempt, read out as one alert; each message is a line. */
export function ProblemList({ problems }: { problems: readonly string[] | undefined }) {
  return (
    <div role="alert">
      {problems?.map((problem, index) => (
        // Messages only ever appear as a whole new list, so the index is a stable key.
        <p key={index} className="error">
          {problem}
        </p>
      ))}
    </div>
  );
}
