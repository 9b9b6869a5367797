import type { ReactNode } from 'react';

interface ChoiceProps {
  type: 'checkbox' | 'radio';
  name?: string;
  value?: string;
  checked: boolean;
  /** Called with the new state; a radio button calls it only when it becomes chosen. */
  onChange: (checked: boolean) => void;
  /** What the label says: text, or whatever element the layout wants around it. */
  children: ReactNode;
  /** Id of a hint that explains the choice, read out with it. */
  describedBy?: string;
}

/** One checkbox or radio button inside its label. */
export function Choice({ type, name, value, checked, onChange, children, describedBy }: ChoiceProps) {
  return (
    <label className="choice">
      <input
        type={type}
        name={name}
        value={value}
        checked={checked}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}

interface ChoicesProps<Option extends string> {
  type: 'checkbox' | 'radio';
  options: readonly Option[];
  /** The inputs' shared name; with it, each input also carries its option as its value. */
  name?: string;
  isChecked: (option: Option) => boolean;
  onChange: (option: Option, checked: boolean) => void;
  label: (option: Option) => ReactNode;
  /** Each choice in an <li> of its own, for a list around them. */
  listItems?: boolean;
}

/** A Choice for each option, in the order given. */
export function Choices<Option extends string>({ type, options, name, isChecked, onChange, label, listItems }: ChoicesProps<Option>) {
  return (
    <>
      {options.map((option) => {
        const choice = (
          <Choice
            key={option}
            type={type}
            name={name}
            value={name === undefined ? undefined : option}
            checked={isChecked(option)}
            onChange={(checked) => onChange(option, checked)}
          >
            {label(option)}
          </Choice>
        );
        return listItems ? <li key={option}>{choice}</li> : choice;
      })}
    </>
  );
}
